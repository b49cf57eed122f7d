import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND_RULES, type OutboundRules, parseOutboundRules } from '../../src/core/outbound/rules.js';
import { postJson } from '../../src/domains/chat/delivery.jobs.js';
import { PermanentChatError } from '../../src/domains/chat/outbox.js';
import { SendError, sendWebhook } from '../../src/domains/statuspage/delivery/send.js';
import { buildUser } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, person, startRecorder, type World } from '../paging/helpers.js';

// Firebreak must not be a way into its own network: webhook addresses that are (or resolve to)
// loopback, private or link-local addresses are refused when saved and again when used, unless the
// operator allows them. The peers here listen on loopback, so each test picks the rules it needs:
// the harness allows loopback, production does not.

describeEachDialect('outbound rules (webhook addresses)', (dialect) => {
  let w: World;
  let peer: Awaited<ReturnType<typeof startRecorder>>;
  let loopbackAllowed: OutboundRules;
  const port = () => new URL(peer.url).port;
  const useRules = (rules: OutboundRules) => {
    w.t.config = { ...w.t.config, outbound: rules };
  };
  const arrived = (prefix: string) => peer.requests.filter((r) => r.path.startsWith(prefix));

  beforeAll(async () => {
    peer = await startRecorder((req) =>
      req.path.startsWith('/redirect') ? { status: 302, headers: { location: `${peer.url}/landed` } } : { status: 200 },
    );
    w = await createWorld(dialect);
    loopbackAllowed = w.t.config.outbound;
  });
  afterEach(() => useRules(loopbackAllowed));
  afterAll(async () => {
    await peer.close();
    await w.close();
  });

  const testSend = async (methodId: string, token: string) => {
    const res = await w.call('POST', `/api/v1/me/contact-methods/${methodId}/test`, {}, token);
    expect(res.statusCode, res.body).toBe(202);
    await w.run();
    const id = res.json().notificationId as string;
    const n = await w.t.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const attempts = await w.t.db
      .selectFrom('notification_attempts')
      .selectAll()
      .where('notification_id', '=', id)
      .orderBy('attempt')
      .execute();
    return { n, attempts };
  };

  it('refuses a loopback address when it is saved, naming the field, the address and the setting', async () => {
    useRules(DEFAULT_OUTBOUND_RULES);
    const user = await buildUser(w.t, { contactEmail: false });
    const add = (kind: string, address: string) =>
      w.call('POST', `/api/v1/users/${user.id}/contact-methods`, { kind, label: kind, address });

    const literal = await add('webhook', `${peer.url}/saved`);
    expect(literal.statusCode).toBe(400);
    expect(literal.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(literal.json().errors).toEqual([
      {
        field: 'address',
        message: '127.0.0.1 is a loopback address (127.0.0.0/8); allow it with FIREBREAK_OUTBOUND_ALLOW',
      },
    ]);

    // A name is resolved: localhost is loopback too, whatever it is called.
    const named = await add('webhook', `http://localhost:${port()}/saved`);
    expect(named.statusCode).toBe(400);
    expect(named.json().detail).toMatch(/^address: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);

    for (const url of [
      `http://2130706433:${port()}/saved`,
      `http://0x7f.1:${port()}/saved`,
      `http://[::ffff:127.0.0.1]:${port()}/saved`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect((await add('webhook', url)).statusCode, url).toBe(400);
    }
    expect((await add('ntfy', `${peer.url}/saved`)).statusCode).toBe(400);
    expect((await add('slack', `${peer.url}/saved#mattermost`)).statusCode).toBe(400);
    expect((await add('slack', 'U0123ABCD')).statusCode).toBe(201); // a Slack user id is no address

    const subscriber = await w.call('POST', '/api/v1/status/subscribers', {
      kind: 'webhook',
      address: `http://localhost:${port()}/saved`,
    });
    expect(subscriber.statusCode).toBe(400);
    expect(subscriber.json().errors[0]).toMatchObject({ field: 'address' });
    expect(arrived('/saved')).toEqual([]);
  });

  it('refuses at send time too (rules tightened, or a name that now resolves inside): a permanent failure, nothing sent', async () => {
    const ann = await person(w, 'Ann', [
      { kind: 'webhook', address: `${peer.url}/literal` },
      { kind: 'webhook', address: `http://localhost:${port()}/named` },
    ]);
    useRules(DEFAULT_OUTBOUND_RULES);

    const literal = await testSend(ann.methodIds[0]!, ann.token);
    expect(literal.n).toMatchObject({ status: 'failed', attempts: 1 });
    expect(literal.attempts).toMatchObject([
      {
        status: 'permanent_failure',
        error: 'refused: 127.0.0.1 is a loopback address (127.0.0.0/8); allow it with FIREBREAK_OUTBOUND_ALLOW',
      },
    ]);

    // The name is judged on what it resolves to when the connection is made.
    const named = await testSend(ann.methodIds[1]!, ann.token);
    expect(named.n).toMatchObject({ status: 'failed', attempts: 1 });
    expect(named.attempts[0]!.status).toBe('permanent_failure');
    expect(named.attempts[0]!.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);

    const checks = (await w.call('GET', '/api/v1/me/contact-method-checks', undefined, ann.token)).json();
    const check = checks.items.find((c: { contactMethodId: string }) => c.contactMethodId === ann.methodIds[1]);
    expect(check.lastTest).toMatchObject({ status: 'failed', error: expect.stringMatching(/^refused: localhost/) });
    expect(check.verifiedAt).toBeNull();
    expect([...arrived('/literal'), ...arrived('/named')]).toEqual([]);
  });

  it('an allowed host name goes through, checked at connect time; an address it does not cover stays refused', async () => {
    const ben = await person(w, 'Ben', [
      { kind: 'webhook', address: `http://localhost:${port()}/allowed` },
      { kind: 'webhook', address: `${peer.url}/not-allowed` },
    ]);
    useRules(parseOutboundRules('localhost', '').rules);
    expect((await testSend(ben.methodIds[0]!, ben.token)).n.status).toBe('sent');
    expect(arrived('/allowed')).toHaveLength(1);
    expect((await testSend(ben.methodIds[1]!, ben.token)).attempts[0]!.status).toBe('permanent_failure');
    expect(arrived('/not-allowed')).toEqual([]);
  });

  it('never follows a redirect, even to an allowed address', async () => {
    const cat = await person(w, 'Cat', [{ kind: 'webhook', address: `${peer.url}/redirect` }]);
    const sent = await testSend(cat.methodIds[0]!, cat.token);
    expect(sent.attempts).toMatchObject([{ status: 'permanent_failure', http_status: 302 }]);
    expect(arrived('/redirect')).toHaveLength(1);
    expect(arrived('/landed')).toEqual([]);
  });

  it('the status page and chat senders use the same rules', async () => {
    const refused = /^refused: 127\.0\.0\.1 is a loopback address/;
    const status = await sendWebhook(`${peer.url}/status-hook`, '{}', {
      secrets: ['whsec_x'],
      idempotencyKey: 'k1',
      nowMs: w.t.clock.now(),
      rules: DEFAULT_OUTBOUND_RULES,
    }).catch((e: unknown) => e);
    expect(status).toBeInstanceOf(SendError);
    expect(status).toMatchObject({ permanent: true, message: expect.stringMatching(refused) });

    const chat = await postJson(`${peer.url}/chat-hook`, { text: 'hi' }, w.t.clock.now(), DEFAULT_OUTBOUND_RULES).catch(
      (e: unknown) => e,
    );
    expect(chat).toBeInstanceOf(PermanentChatError);
    expect((chat as Error).message).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect([...arrived('/status-hook'), ...arrived('/chat-hook')]).toEqual([]);

    // The same senders with loopback allowed reach the peer, so the refusals above are the rules'.
    await sendWebhook(`${peer.url}/status-hook`, '{}', {
      secrets: ['whsec_x'],
      idempotencyKey: 'k2',
      nowMs: w.t.clock.now(),
      rules: loopbackAllowed,
    });
    await postJson(`${peer.url}/chat-hook`, { text: 'hi' }, w.t.clock.now(), loopbackAllowed);
    expect(arrived('/status-hook')).toHaveLength(1);
    expect(arrived('/chat-hook')).toHaveLength(1);
  });
});
