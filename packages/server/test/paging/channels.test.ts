import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/domains/paging/index.js';
import { describeEachDialect } from '../harness.js';
import {
  createWorld,
  notificationsOf,
  person,
  startRecorder,
  startSmtp,
  verifySignature,
  type World,
} from './helpers.js';

// Every channel against a real peer on loopback: an SMTP server, and HTTP servers that record what
// arrives (a webhook receiver verifying the signature, chat and ntfy endpoints, a fake Twilio).

describeEachDialect('paging: channels', (dialect) => {
  let w: World;
  let peer: Awaited<ReturnType<typeof startRecorder>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    peer = await startRecorder((req) =>
      req.path.includes('/2010-04-01/')
        ? { status: 201, body: JSON.stringify({ sid: req.path.endsWith('Calls.json') ? 'CA123' : 'SM123' }) }
        : req.path.startsWith('/ntfy')
          ? { status: 200, body: JSON.stringify({ id: 'ntfy-1' }) }
          : { status: 200 },
    );
    smtp = await startSmtp();
    w = await createWorld(dialect, (t) => ({
      config: {
        ...t.config,
        smtpUrl: smtp.url,
        twilio: { baseUrl: peer.url, accountSid: 'AC123', authToken: 'tok', from: '+15550001111' },
      },
    }));
  });
  afterAll(async () => {
    await peer.close();
    await smtp.close();
    await w.close();
  });

  const testMethod = async (user: { token: string }, methodId: string) => {
    const res = await w.call('POST', `/api/v1/me/contact-methods/${methodId}/test`, {}, user.token);
    expect(res.statusCode, res.body).toBe(202);
    await w.run();
    return res.json().notificationId as string;
  };
  const isVerified = async (methodId: string) =>
    (await w.t.db
      .selectFrom('contact_method_verifications')
      .select('contact_method_id')
      .where('contact_method_id', '=', methodId)
      .executeTakeFirst()) !== undefined;

  it('webhook: signed JSON with an idempotency key; a delivered test verifies the method', async () => {
    const ann = await person(w, 'Ann', [{ kind: 'webhook', address: `${peer.url}/hooks/ann` }]);
    const methodId = ann.methodIds[0]!;
    const notificationId = await testMethod(ann, methodId);
    const [req] = peer.requests.filter((r) => r.path === '/hooks/ann');
    expect(req).toBeDefined();
    const secret = (
      await w.call('GET', `/api/v1/me/contact-methods/${methodId}/signing-secret`, undefined, ann.token)
    ).json().secret;
    expect(verifySignature(secret, req!.headers['firebreak-signature'] as string, req!.body)).toBe(true);
    expect(verifySignature(secret, req!.headers['firebreak-signature'] as string, `${req!.body} `)).toBe(false);
    expect(verifySignature('whsec_wrong', req!.headers['firebreak-signature'] as string, req!.body)).toBe(false);
    expect(req!.headers['idempotency-key']).toBe(notificationId);
    expect(JSON.parse(req!.body)).toMatchObject({
      type: 'test.notification',
      notificationId,
      recipient: { id: ann.id },
    });
    expect(await isVerified(methodId)).toBe(true);

    // A page: the body carries the page and both signed links.
    await createPage(
      w.t,
      { userIds: [ann.id], summary: 'Webhook page', details: 'p99 > 2s', urgency: 'high' },
      'system',
    );
    await w.run();
    const page = JSON.parse(peer.requests.filter((r) => r.path === '/hooks/ann').at(-1)!.body);
    expect(page).toMatchObject({
      type: 'page.notification',
      urgency: 'high',
      page: { summary: 'Webhook page', details: 'p99 > 2s' },
    });
    expect(page.links.acknowledge).toMatch(/^http:\/\/localhost:8080\/p\/[\w-]+\.[\w-]+$/);
    expect(page.links.resolve).not.toBe(page.links.acknowledge);
  });

  it('email over SMTP: the test verifies the address; a page mail carries the links', async () => {
    const ben = await person(w, 'Ben', [{ kind: 'email', address: 'ben@example.test' }]);
    await testMethod(ben, ben.methodIds[0]!);
    expect(smtp.mails.map((m) => m.to)).toEqual([['ben@example.test']]);
    expect(smtp.mails[0]!.data).toContain('Subject: Firebreak test notification');
    expect(await isVerified(ben.methodIds[0]!)).toBe(true);

    const { id: pageId } = await createPage(
      w.t,
      { userIds: [ben.id], summary: 'Mail page', urgency: 'high' },
      'system',
    );
    await w.run();
    const mail = smtp.mails.at(-1)!;
    expect(mail.data).toContain('Subject: [Firebreak] HIGH: Mail page');
    expect(mail.data).toMatch(/Acknowledge: http:\/\/localhost:8080\/p\//);
    const email = (await notificationsOf(w, pageId)).find((n) => n.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mail.data).toContain(`Message-ID: <${email.id}@firebreak>`);
  });

  it('Slack-, Mattermost- and Teams-style incoming webhooks get their own formats', async () => {
    const cat = await person(w, 'Cat', [
      { kind: 'slack', address: `${peer.url}/chat/slack#slack` },
      { kind: 'slack', address: `${peer.url}/chat/mattermost` },
      { kind: 'slack', address: `${peer.url}/chat/teams#teams` },
    ]);
    await createPage(w.t, { userIds: [cat.id], summary: 'Chat page', urgency: 'high' }, 'system');
    await w.run();
    const body = (path: string) => JSON.parse(peer.requests.find((r) => r.path === path)!.body);
    expect(body('/chat/slack').text).toMatch(/<http:\/\/localhost:8080\/p\/[^|]+\|Acknowledge>/);
    expect(body('/chat/mattermost').text).toMatch(/\[Acknowledge\]\(http:\/\/localhost:8080\/p\/[^)]+\)/);
    expect(body('/chat/teams')).toMatchObject({ '@type': 'MessageCard', title: '[Firebreak] HIGH: Chat page' });
    expect(body('/chat/teams').potentialAction.map((a: any) => a.name)).toEqual(['Open', 'Acknowledge', 'Resolve']);
  });

  it('ntfy: a POST to the topic with title, priority and action buttons', async () => {
    const dan = await person(w, 'Dan', [{ kind: 'ntfy', address: `${peer.url}/ntfy/firebreak-dan` }]);
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [dan.id], summary: 'Push page', details: 'queue backed up', urgency: 'high' },
      'system',
    );
    await w.run();
    const req = peer.requests.find((r) => r.path === '/ntfy/firebreak-dan')!;
    expect(req.body).toBe('queue backed up');
    expect(req.headers).toMatchObject({ title: '[Firebreak] HIGH: Push page', priority: '5' });
    expect(req.headers.actions).toMatch(/http, Acknowledge, http:\/\/localhost:8080\/p\/\S+, method=POST, clear=true/);
    const ntfy = (await notificationsOf(w, pageId)).find((n) => n.channel === 'ntfy')!;
    expect(ntfy.provider_id).toBe('ntfy-1');
  });

  it('SMS and voice through the Twilio-compatible provider', async () => {
    const eli = await person(w, 'Eli', [
      { kind: 'sms', address: '+49 30 1234567' },
      { kind: 'voice', address: '+49307654321' },
    ]);
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [eli.id], summary: 'Phone page', urgency: 'high' },
      'system',
    );
    await w.run();
    const sms = peer.requests.find((r) => r.path === '/2010-04-01/Accounts/AC123/Messages.json')!;
    const call = peer.requests.find((r) => r.path === '/2010-04-01/Accounts/AC123/Calls.json')!;
    for (const req of [sms, call]) {
      expect(req.headers.authorization).toBe(`Basic ${Buffer.from('AC123:tok').toString('base64')}`);
      expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(sms.body);
    expect([form.get('To'), form.get('From')]).toEqual(['+49301234567', '+15550001111']);
    expect(form.get('Body')).toMatch(/^\[Firebreak\] HIGH: Phone page\nAck: http:\/\/localhost:8080\/p\//);
    expect(new URLSearchParams(call.body).get('Twiml')).toContain('<Say>Firebreak high urgency page. Phone page.');
    const rows = await notificationsOf(w, pageId);
    expect(
      rows
        .filter((n) => n.channel !== 'in_app')
        .map((n) => [n.channel, n.status, n.provider_id])
        .sort(),
    ).toEqual([
      ['sms', 'sent', 'SM123'],
      ['voice', 'sent', 'CA123'],
    ]);
  });

  it('in-app: every page lands in the person’s inbox', async () => {
    const fay = await person(w, 'Fay');
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [fay.id], summary: 'Inbox page', urgency: 'low' },
      'system',
    );
    await w.run();
    const inbox = (await w.call('GET', '/api/v1/me/inbox', undefined, fay.token)).json();
    expect(inbox.items).toMatchObject([{ pageId, summary: 'Inbox page', readAt: null }]);
    const read = await w.call('POST', `/api/v1/me/inbox/${inbox.items[0].id}/read`, {}, fay.token);
    expect(read.statusCode).toBe(204);
    expect((await w.call('GET', '/api/v1/me/inbox', undefined, fay.token)).json().items[0].readAt).not.toBeNull();
  });
});
