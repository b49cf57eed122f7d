import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webhookSecret } from '../../src/domains/statuspage/delivery/tokens.js';
import { describeEachDialect } from '../harness.js';
import { component, declare, drainJobs, HOSTILE, type Setup, setup, startSmtp } from './helpers.js';

type Hook = { headers: IncomingMessage['headers']; body: string };

describeEachDialect('status page: subscribers', (dialect) => {
  let s: Setup;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hookServer: Server;
  let hookUrl: string;
  const hooks: Hook[] = [];
  let failNextHooks = 0;
  let api: { id: string };
  let web: { id: string };
  let ip = 0;

  beforeAll(async () => {
    smtp = await startSmtp();
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        if (failNextHooks > 0) {
          failNextHooks--;
          res.writeHead(503).end();
          return;
        }
        hooks.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
    s = await setup(dialect, { smtpUrl: smtp.url });
    api = await component(s, { name: 'API' });
    web = await component(s, { name: 'Website' });
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  });

  /** Signs up through the public form, each from its own address so the rate limit stays out of the way. */
  const signUp = (email: string, componentIds: string[] = [], remoteAddress = `10.0.0.${++ip}`) =>
    s.app.inject({
      method: 'POST',
      url: '/status/subscribe',
      remoteAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['email', email],
        ...componentIds.map((id): [string, string] => ['componentIds', id]),
      ]).toString(),
    });
  const linkIn = (mail: string, kind: 'confirm' | 'unsubscribe') => {
    const match = new RegExp(`http://localhost:8080/status/subscriptions/([\\w-]+)/${kind}\\?token=([\\w-]+)`).exec(
      mail,
    );
    if (!match) throw new Error(`no ${kind} link in:\n${mail}`);
    return { path: `/status/subscriptions/${match[1]}/${kind}`, token: match[2]! };
  };
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  it('confirms an email sign-up by a link that works once, then sends updates with an unsubscribe link', async () => {
    const res = await signUp('Reader@Example.com');
    expect(res.statusCode).toBe(202);
    expect(res.body).toContain('Check your inbox');
    await drainJobs(s.t);
    const [confirm] = mailsTo('reader@example.com');
    expect(confirm?.data).toContain('Confirm your subscription');
    const link = linkIn(confirm!.data, 'confirm');
    // Opening the link shows a button; it does not confirm by itself (mail scanners open links).
    const shown = await s.app.inject({ method: 'GET', url: `${link.path}?token=${link.token}` });
    expect(shown.body).toContain('Confirm my subscription');
    const sub = await s.t.db
      .selectFrom('status_subscribers')
      .selectAll()
      .where('address', '=', 'reader@example.com')
      .executeTakeFirstOrThrow();
    expect(sub.confirmed_at).toBeNull();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await s.app.inject({ method: 'POST', url: link.path, headers: form, payload: `token=${link.token}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('You are subscribed');
    const again = await s.app.inject({ method: 'POST', url: link.path, headers: form, payload: `token=${link.token}` });
    expect(again.statusCode).toBe(410);

    const incident = await declare(s.t, s.responder);
    const published = await s.api(
      'POST',
      '/api/v1/status/incidents',
      {
        incidentId: incident.id,
        name: HOSTILE,
        body: `Investigating ${HOSTILE}`,
        components: [{ componentId: api.id, status: 'major_outage' }],
      },
      s.responder,
    );
    expect(published.statusCode).toBe(201);
    await drainJobs(s.t);
    const update = mailsTo('reader@example.com')[1]!;
    expect(update.data).toContain('Investigating');
    expect(update.data).toContain('List-Unsubscribe:');
    const html = update.data.slice(update.data.indexOf('text/html'));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
    const unsubscribe = linkIn(update.data, 'unsubscribe');
    const gone = await s.app.inject({
      method: 'POST',
      url: `${unsubscribe.path}?token=${unsubscribe.token}`,
      headers: form,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(gone.statusCode).toBe(200);
    await s.api(
      'POST',
      `/api/v1/status/incidents/${published.json().id}/updates`,
      { body: 'Still on it' },
      s.responder,
    );
    await drainJobs(s.t);
    expect(mailsTo('reader@example.com')).toHaveLength(2);
  });

  it('sends nothing but the confirmation request before confirming, and only for chosen components', async () => {
    await signUp('pending@example.com');
    await signUp('web-only@example.com', [web.id]);
    await drainJobs(s.t);
    const webOnly = mailsTo('web-only@example.com')[0]!;
    const link = linkIn(webOnly.data, 'confirm');
    await s.app.inject({ method: 'POST', url: `${link.path}?token=${link.token}` });
    const incident = await declare(s.t, s.responder, { title: 'API only' });
    await s.api(
      'POST',
      '/api/v1/status/incidents',
      {
        incidentId: incident.id,
        name: 'API slow',
        body: 'Slow.',
        components: [{ componentId: api.id, status: 'degraded_performance' }],
      },
      s.responder,
    );
    await drainJobs(s.t);
    expect(mailsTo('pending@example.com')).toHaveLength(1);
    expect(mailsTo('web-only@example.com')).toHaveLength(1);
  });

  it('validates sign-ups, limits them per address and does not reveal who is subscribed', async () => {
    expect((await signUp('not-an-email')).statusCode).toBe(400);
    expect((await signUp('x@example.com', ['no-such-component'])).statusCode).toBe(400);
    const known = await signUp('reader2@example.com');
    const again = await signUp('reader2@example.com');
    expect(again.statusCode).toBe(known.statusCode);
    expect(again.body).toBe(known.body);
    await drainJobs(s.t);
    // A second sign-up within ten minutes does not mail the address again.
    expect(mailsTo('reader2@example.com')).toHaveLength(1);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await signUp(`burst${i}@example.com`, [], '10.9.9.9')).statusCode);
    expect(codes.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('delivers to webhooks, signed, retrying until the receiver takes it', async () => {
    const added = await s.api('POST', '/api/v1/status/subscribers', { kind: 'webhook', address: hookUrl });
    expect(added.statusCode).toBe(201);
    expect(added.json().state).toBe('confirmed');
    failNextHooks = 2;
    const incident = await declare(s.t, s.responder, { title: 'Webhook incident' });
    const published = (
      await s.api(
        'POST',
        '/api/v1/status/incidents',
        { incidentId: incident.id, name: 'Hooked', body: 'Hello hooks', impact: 'minor' },
        s.responder,
      )
    ).json();
    await drainJobs(s.t);
    expect(hooks).toHaveLength(0);
    for (let i = 0; i < 4 && hooks.length === 0; i++) {
      await s.t.clock.advance(60_000);
      await drainJobs(s.t);
    }
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    const payload = JSON.parse(hook.body);
    expect(payload.incident).toMatchObject({
      id: published.id,
      name: 'Hooked',
      status: 'investigating',
      impact: 'minor',
    });
    expect(payload.incident.incident_updates[0].body).toBe('Hello hooks');
    const [t, v1] = String(hook.headers['firebreak-signature'])
      .split(',')
      .map((p) => p.split('=')[1]!);
    const secret = added.json().signingSecret;
    expect(secret).toBe(webhookSecret(s.t.secretKey, added.json().id));
    expect(createHmac('sha256', secret).update(`${t}.${hook.body}`).digest('hex')).toBe(v1);
    const list = (await s.api('GET', '/api/v1/status/subscribers?limit=100')).json();
    const mine = list.items.find((i: { id: string }) => i.id === added.json().id);
    expect(mine.lastDelivery).toMatchObject({ status: 'sent', error: null });
    const row = await s.t.db
      .selectFrom('status_notifications')
      .selectAll()
      .where('subscriber_id', '=', added.json().id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(3);
  });
});
