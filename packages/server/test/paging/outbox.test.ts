import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueJob } from '../../src/core/scheduler/enqueue.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { classifySmtpError } from '../../src/domains/paging/channels/email.channel.js';
import { classifyHttpStatus, parseRetryAfter } from '../../src/domains/paging/channels/http.js';
import { createPage } from '../../src/domains/paging/index.js';
import { sendKey } from '../../src/domains/paging/paging.model.js';
import { describeEachDialect } from '../harness.js';
import {
  allJobHandlers,
  closedPort,
  createWorld,
  notificationsOf,
  person,
  policyFor,
  startRecorder,
  stepsOf,
  type World,
} from './helpers.js';

describe('error classification', () => {
  const now = Date.parse('2026-01-05T09:00:00Z');
  it.each([
    [200, null, null],
    [204, null, null],
    [500, null, 'temporary'],
    [503, '30', 'temporary'],
    [429, '120', 'temporary'],
    [408, null, 'temporary'],
    [400, null, 'permanent'],
    [401, null, 'permanent'],
    [404, null, 'permanent'],
    [410, null, 'permanent'],
  ] as const)('HTTP %i', (status, retryAfter, kind) => {
    expect(classifyHttpStatus(status, retryAfter, now)?.kind ?? null).toBe(kind);
  });
  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(classifyHttpStatus(429, '7', now)?.options.retryAfterMs).toBe(7_000);
  });
  it('SMTP: 5xx and envelope errors are permanent, 4xx and connection trouble temporary', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 no such user' }).kind).toBe('permanent');
    expect(classifySmtpError({ responseCode: 451, response: '451 try later' }).kind).toBe('temporary');
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).kind).toBe('temporary');
    expect(classifySmtpError({ code: 'EENVELOPE', message: 'No recipients defined' }).kind).toBe('permanent');
  });
});

describeEachDialect('paging: delivery outbox', (dialect) => {
  let w: World;
  let peer: Awaited<ReturnType<typeof startRecorder>>;
  /** Scripted answers per path: each request takes the next one; the last one repeats. */
  const script = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  const seen = new Map<string, number>();
  beforeAll(async () => {
    const port = await closedPort();
    w = await createWorld(dialect, (t) => ({ config: { ...t.config, smtpUrl: `smtp://127.0.0.1:${port}` } }));
    peer = await startRecorder((req) => {
      const answers = script.get(req.path) ?? [{ status: 200 }];
      const i = seen.get(req.path) ?? 0;
      seen.set(req.path, i + 1);
      return answers[Math.min(i, answers.length - 1)]!;
    }, w.t.clock);
  });
  afterAll(async () => {
    await peer.close();
    await w.close();
  });

  const hits = (path: string) => peer.requests.filter((r) => r.path === path);
  const webhookOf = async (pageId: string) => (await notificationsOf(w, pageId)).find((n) => n.channel === 'webhook')!;
  const attemptsOf = (notificationId: string) =>
    w.t.db
      .selectFrom('notification_attempts')
      .selectAll()
      .where('notification_id', '=', notificationId)
      .orderBy('attempt')
      .execute();

  it('retries 5xx with backoff until accepted, one attempt row each, same idempotency key', async () => {
    script.set('/flaky', [{ status: 503 }, { status: 502 }, { status: 200 }]);
    const a = await person(w, 'Flaky', [{ kind: 'webhook', address: `${peer.url}/flaky` }]);
    const { id: pageId } = await createPage(w.t, { userIds: [a.id], summary: 'Retry', urgency: 'high' }, 'system');
    await w.run();
    expect(hits('/flaky')).toHaveLength(1);
    let n = await webhookOf(pageId);
    expect(n).toMatchObject({ status: 'retrying', attempts: 1, last_error: expect.stringContaining('HTTP 503') });
    // Backoff: 30 s doubling, shortened by up to a quarter at random.
    const delays: number[] = [];
    for (let i = 0; i < 2; i++) {
      const job = await w.t.db
        .selectFrom('jobs')
        .select('run_at')
        .where('dedupe_key', '=', `notification-send:${n.id}`)
        .executeTakeFirstOrThrow();
      delays.push(job.run_at - w.t.clock.now());
      await w.t.clock.set(job.run_at);
      await w.run();
    }
    expect(delays[0]).toBeGreaterThanOrEqual(22_500);
    expect(delays[0]).toBeLessThanOrEqual(30_000);
    expect(delays[1]).toBeGreaterThanOrEqual(45_000);
    expect(delays[1]).toBeLessThanOrEqual(60_000);
    expect(hits('/flaky')).toHaveLength(3);
    n = await webhookOf(pageId);
    expect(n).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect((await attemptsOf(n.id)).map((x) => [x.attempt, x.status, x.http_status])).toEqual([
      [1, 'temporary_failure', 503],
      [2, 'temporary_failure', 502],
      [3, 'accepted', 200],
    ]);
    expect(new Set(hits('/flaky').map((r) => r.headers['idempotency-key']))).toEqual(new Set([n.id]));

    // An accepted send is never sent again, even if its job runs once more.
    await w.t.db
      .transaction()
      .execute((trx) => enqueueJob(trx, w.t.clock, { kind: 'notification-send', payload: { notificationId: n.id } }));
    await w.run();
    expect(hits('/flaky')).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    script.set('/limited', [{ status: 429, headers: { 'retry-after': '180' } }, { status: 200 }]);
    const a = await person(w, 'Limited', [{ kind: 'webhook', address: `${peer.url}/limited` }]);
    await createPage(w.t, { userIds: [a.id], summary: 'Rate limited', urgency: 'high' }, 'system');
    await w.run();
    await w.advance(2);
    expect(hits('/limited')).toHaveLength(1);
    await w.advance(1);
    expect(hits('/limited')).toHaveLength(2);
    expect(hits('/limited')[1]!.at - hits('/limited')[0]!.at).toBe(180_000);
  });

  it('a 4xx is permanent: no retry, failed visibly, listed for admins', async () => {
    script.set('/gone', [{ status: 410 }]);
    const a = await person(w, 'Gone', [{ kind: 'webhook', address: `${peer.url}/gone` }]);
    const { id: pageId } = await createPage(w.t, { userIds: [a.id], summary: 'Bad hook', urgency: 'high' }, 'system');
    await w.run();
    await w.advance(60);
    expect(hits('/gone')).toHaveLength(1);
    const n = await webhookOf(pageId);
    expect(n).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await attemptsOf(n.id)).map((x) => x.status)).toEqual(['permanent_failure']);
    const detail = (await w.call('GET', `/api/v1/pages/${pageId}`)).json();
    expect(detail.log.map((l: any) => l.kind)).toContain('delivery_failed');

    const failing = await w.call('GET', '/api/v1/paging/failing-contact-methods');
    expect(failing.statusCode).toBe(200);
    expect(failing.json().items).toContainEqual(
      expect.objectContaining({ contactMethodId: a.methodIds[0], user: { id: a.id, name: 'Gone' }, failures: 1 }),
    );
    expect((await w.call('GET', '/api/v1/paging/failing-contact-methods', undefined, a.token)).statusCode).toBe(403);
  });

  it('an unreachable SMTP server is retried, then failed, while the escalation moves on on time', async () => {
    const alice = await person(w, 'Alice', [{ kind: 'email', address: 'alice@example.test' }]);
    const carol = await person(w, 'Carol', [{ kind: 'webhook', address: `${peer.url}/carol` }]);
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${peer.url}/bob` }]);
    const { serviceId } = await policyFor(w, [
      { userIds: [alice.id, carol.id], delayMinutes: 5 },
      { userIds: [bob.id], delayMinutes: 5 },
    ]);
    const start = w.t.clock.now();
    const { id: pageId } = await createPage(w.t, { serviceId, summary: 'Mail down too', urgency: 'high' }, 'system');
    await w.run();
    // Alice's broken email does not hold up Carol in the same step.
    expect(hits('/carol').map((r) => r.at - start)).toEqual([0]);
    for (let i = 0; i < 15; i++) await w.advance(1);
    expect(hits('/bob').map((r) => r.at - start)).toEqual([5 * 60_000]);
    const steps = await stepsOf(w, pageId);
    expect(steps.map((s) => s.started_at - start)).toEqual([0, 5 * 60_000]);
    const email = (await notificationsOf(w, pageId)).find((n) => n.channel === 'email')!;
    expect(email).toMatchObject({ status: 'failed', attempts: 5 });
    const attempts = await attemptsOf(email.id);
    expect(attempts.map((a) => a.status)).toEqual(Array(5).fill('temporary_failure'));
    expect(attempts[0]!.error).toMatch(/mail server unreachable/);
  });

  it('a send interrupted by a crash is sent again under the same key, the lost attempt marked', async () => {
    script.set('/crash', [{ status: 503 }, { status: 200 }]);
    const a = await person(w, 'Crash', [{ kind: 'webhook', address: `${peer.url}/crash` }]);
    const { id: pageId } = await createPage(w.t, { userIds: [a.id], summary: 'Crash', urgency: 'high' }, 'system');
    await w.run();
    const n = await webhookOf(pageId);
    expect(n).toMatchObject({ status: 'retrying', attempts: 1 });
    // A worker claimed the retry and died before recording anything (maybe after sending).
    const retry = await w.t.db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'dead-worker', locked_until: w.t.clock.now() + 60_000, attempts: 1 })
      .where('dedupe_key', '=', sendKey(n.id))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    expect(Number(retry.numUpdatedRows)).toBe(1);
    await w.advance(5);
    expect(hits('/crash').map((r) => r.headers['idempotency-key'])).toEqual([n.id, n.id]);
    expect((await attemptsOf(n.id)).map((x) => x.status)).toEqual(['temporary_failure', 'interrupted', 'accepted']);
    expect(await webhookOf(pageId)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('a webhook that does not answer holds up nobody: with one slot, later pages are delivered meanwhile', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    // This peer takes the request and answers only when the test says so (well within the 10 s timeout).
    const held = await startHeldPeer(answered);
    const slow = await person(w, 'Slow', [{ kind: 'webhook', address: `${held.url}/slow` }]);
    const fast = await person(w, 'Fast', [{ kind: 'webhook', address: `${peer.url}/fast` }]);
    const scheduler = new Scheduler({ ctx: w.t, handlers: allJobHandlers(), concurrency: 1 });
    scheduler.start();
    try {
      const stuck = await createPage(w.t, { userIds: [slow.id], summary: 'Slow peer', urgency: 'high' }, 'system');
      await vi.waitFor(() => expect(held.received()).toBe(1), { timeout: 5_000, interval: 10 });
      const pages = [];
      for (let i = 0; i < 3; i++) {
        pages.push(await createPage(w.t, { userIds: [fast.id], summary: `Fast ${i}`, urgency: 'high' }, 'system'));
      }
      await vi.waitFor(() => expect(hits('/fast')).toHaveLength(3), { timeout: 5_000, interval: 10 });
      expect(await webhookOf(stuck.id)).toMatchObject({ status: 'pending', attempts: 0 });
      answer();
      await vi.waitFor(async () => expect(await webhookOf(stuck.id)).toMatchObject({ status: 'sent', attempts: 1 }), {
        timeout: 5_000,
        interval: 10,
      });
      for (const { id } of pages) expect(await webhookOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      answer();
      await scheduler.stop();
      await held.close();
    }
  });

  it('high-urgency notifications run before low-urgency ones due at the same time', async () => {
    const a = await person(w, 'Order', [{ kind: 'webhook', address: `${peer.url}/order` }]);
    await w.t.db
      .updateTable('jobs')
      .set({ run_at: w.t.clock.now() + 3_600_000 })
      .execute();
    await createPage(w.t, { userIds: [a.id], summary: 'low one', urgency: 'low', details: 'low' }, 'system');
    await createPage(w.t, { userIds: [a.id], summary: 'high one', urgency: 'high', details: 'high' }, 'system');
    const jobs = await w.t.db
      .selectFrom('jobs')
      .select(['kind', 'priority'])
      .where('run_at', '<=', w.t.clock.now())
      .execute();
    // The first step is written with the page: its sends are queued at once, by urgency.
    expect(jobs.map((j) => [j.kind, j.priority]).sort()).toEqual([
      ['notification-send', 30],
      ['notification-send', 90],
    ]);
    await w.run();
    const sends = await w.t.db
      .selectFrom('notifications')
      .select(['urgency'])
      .where('address', '=', `${peer.url}/order`)
      .execute();
    expect(sends.map((s) => s.urgency).sort()).toEqual(['high', 'low']);
  });
});

/** An HTTP peer that reads each request and answers 200 only once `release` resolves. */
async function startHeldPeer(release: Promise<void>) {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      void release.then(() => res.end('{}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
