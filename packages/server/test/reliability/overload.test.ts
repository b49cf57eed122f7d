import { Agent, request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqlite } from '../../src/core/db/database.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { createPage } from '../../src/domains/paging/index.js';
import { describeEachDialect } from '../harness.js';
import { allJobHandlers, createWorld, person, type Recorded, startRecorder, type World } from '../paging/helpers.js';
import { type FirebreakProcess, freePort, startFirebreak, tempDataDir } from '../runtime/process.js';

// Overload, for real: the `firebreak` process on SQLite with a small ingest queue, flooded over
// loopback HTTP with far more events at once than it commits. Every request is answered (202, or
// 429 with Retry-After in the endpoint's own format), none times out or is reset, every 202 is in
// the database and nothing refused is; a sender that honours Retry-After gets everything in.
// Then, on a fake clock: a high-urgency page's notification overtakes 2,000 low-urgency deliveries.

const CLIENT_TIMEOUT_MS = 10_000;
const QUEUE_LIMIT = 40;
const EVENTS = 1_000;
const NOTIFICATIONS = 20;
const ALERTS_EACH = 10;
const WAIT = { timeout: 60_000, interval: 5 };

type Answer = { status: number; retryAfter: string | undefined; type: string; body: string; ms: number };
type Outcome = Answer | { error: string };

/**
 * One POST on its own deadline, counted from when it has a connection (the agent queues the rest):
 * a request that gets no answer in time counts as lost, not slow.
 */
function post(agent: Agent, url: string, body: unknown): Promise<Outcome> {
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    let started = 0;
    let deadline: NodeJS.Timeout | undefined;
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => resolve({ error: err.message }));
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          });
        });
      },
    );
    req.on('socket', () => {
      started = performance.now();
      deadline = setTimeout(
        () => req.destroy(new Error(`no answer within ${CLIENT_TIMEOUT_MS} ms`)),
        CLIENT_TIMEOUT_MS,
      );
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      resolve({ error: `${err.code ?? ''} ${err.message}` });
    });
    req.end(text);
  });
}

const event = (routingKey: string, dedupKey: string) => ({
  routing_key: routingKey,
  event_action: 'trigger',
  dedup_key: dedupKey,
  payload: { summary: `Queue depth high on ${dedupKey}`, source: 'flood', severity: 'warning' },
});

const notification = (n: number) => ({
  version: '4',
  status: 'firing',
  groupKey: `{}:{flood="${n}"}`,
  alerts: Array.from({ length: ALERTS_EACH }, (_, i) => ({
    status: 'firing',
    labels: { alertname: 'DiskFull', instance: `db-${n}-${i}`, severity: 'critical' },
    annotations: { summary: 'Disk above 95%' },
    startsAt: '2026-11-23T12:00:00Z',
    fingerprint: `${n.toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`,
  })),
});

const percentile = (values: number[], p: number) =>
  values.sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1] ?? 0;

describe('overload: the real process flooded over HTTP [sqlite]', () => {
  const data = tempDataDir();
  const token = `fbk_overload_${'x'.repeat(24)}`;
  let server: FirebreakProcess;
  let base: string;
  let routingKey: string;
  let alertmanagerUrl: string;
  let integrationIds: string[];
  const agent = new Agent({ keepAlive: true, maxSockets: 200 });

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startFirebreak(['serve'], {
      FIREBREAK_DATA_DIR: data.dir,
      FIREBREAK_PORT: String(port),
      FIREBREAK_BOOTSTRAP_TOKEN: token,
      FIREBREAK_INGEST_MAX_QUEUED_EVENTS: String(QUEUE_LIMIT),
    });
    await server.waitFor(/Press Ctrl-C to stop/, 60_000);
    const service = await api('POST', '/api/v1/services', { name: 'Checkout' });
    const events = await api('POST', '/api/v1/integrations', {
      serviceId: service.id,
      name: 'flood',
      kind: 'events_api',
    });
    const am = await api('POST', '/api/v1/integrations', { serviceId: service.id, name: 'am', kind: 'alertmanager' });
    routingKey = events.routingKey;
    alertmanagerUrl = `${base}${new URL(am.url).pathname}`;
    integrationIds = [events.id, am.id];
  });
  afterAll(async () => {
    agent.destroy();
    await server?.kill();
    data.remove();
  });

  it('answers every request 202 or 429 with Retry-After, stores every 202 and nothing else', {
    timeout: 120_000,
  }, async () => {
    const started = performance.now();
    const [pd, am] = await Promise.all([
      Promise.all(
        Array.from({ length: EVENTS }, (_, i) => post(agent, `${base}/v2/enqueue`, event(routingKey, `flood-${i}`))),
      ),
      Promise.all(Array.from({ length: NOTIFICATIONS }, (_, n) => post(agent, alertmanagerUrl, notification(n)))),
    ]);
    const wallMs = performance.now() - started;

    const lost = [...pd, ...am].filter((o): o is { error: string } => 'error' in o).map((o) => o.error);
    expect(lost, 'timed out or reset').toEqual([]);
    const answers = [...pd, ...am] as Answer[];
    expect(answers.filter((a) => a.status !== 202 && a.status !== 429).map((a) => `${a.status} ${a.body}`)).toEqual([]);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(Number(a.retryAfter), `Retry-After of ${a.body}`).toBeGreaterThanOrEqual(1);
    }
    for (const a of (pd as Answer[]).filter((x) => x.status === 429)) {
      expect(JSON.parse(a.body)).toMatchObject({ status: 'throttle event', message: expect.stringMatching(/retry/i) });
    }
    for (const a of (am as Answer[]).filter((x) => x.status === 429)) {
      expect(a.type).toContain('application/problem+json');
      expect(JSON.parse(a.body)).toMatchObject({ status: 429, code: 'ingest_overloaded', detail: expect.any(String) });
    }

    const acceptedKeys = (pd as Answer[]).flatMap((a, i) => (a.status === 202 ? [`flood-${i}`] : []));
    const acceptedFingerprints = (am as Answer[]).flatMap((a, n) =>
      a.status === 202 ? notification(n).alerts.map((x) => x.fingerprint) : [],
    );
    const throttled = answers.filter((a) => a.status === 429).length;
    // The flood really was more than the queue holds, and the queue still let work through.
    expect((pd as Answer[]).filter((a) => a.status === 429).length).toBeGreaterThan(EVENTS / 10);
    expect(acceptedKeys.length).toBeGreaterThan(QUEUE_LIMIT);
    const latency = (status: number) => {
      const ms = answers.filter((a) => a.status === status).map((a) => a.ms);
      return `p50 ${Math.round(percentile(ms, 50))} ms, p99 ${Math.round(percentile(ms, 99))} ms`;
    };
    console.log(
      `overload: ${answers.length} requests in ${Math.round(wallMs)} ms: ${answers.length - throttled} accepted (${latency(202)}), ${throttled} answered 429 (${latency(429)})`,
    );

    // A sender that honours Retry-After gets every event in.
    let waiting = (pd as Answer[]).flatMap((a, i) => (a.status === 429 ? [i] : []));
    let rounds = 0;
    while (waiting.length && rounds < 20) {
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const again = await Promise.all(
        waiting.map((i) => post(agent, `${base}/v2/enqueue`, event(routingKey, `flood-${i}`))),
      );
      expect(again.filter((o) => !('status' in o) || (o.status !== 202 && o.status !== 429))).toEqual([]);
      waiting = waiting.filter((_, j) => (again[j] as Answer).status === 429);
    }
    expect(waiting).toEqual([]);
    console.log(`overload: the throttled events all got in after ${rounds} rounds of retries`);

    // Stop it cleanly, then read what the database holds.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    const database = openSqlite(path.join(data.dir, 'firebreak.db'));
    try {
      const stored = await database.db
        .selectFrom('alerts')
        .select(['integration_id', 'dedup_key'])
        .where('integration_id', 'in', integrationIds)
        .execute();
      const keys = (id: string) =>
        stored
          .filter((s) => s.integration_id === id)
          .map((s) => s.dedup_key)
          .sort();
      expect(keys(integrationIds[0]!)).toEqual(Array.from({ length: EVENTS }, (_, i) => `flood-${i}`).sort());
      expect(keys(integrationIds[1]!)).toEqual(acceptedFingerprints.sort());
    } finally {
      await database.close();
    }
  });
});

describeEachDialect('overload: high urgency overtakes a low-urgency backlog', (dialect) => {
  const BACKLOG_PEOPLE = 20;
  const BACKLOG_PAGES = 110;
  const CONCURRENCY = 16;
  let w: World;
  let peer: Awaited<ReturnType<typeof startRecorder>>;
  /** Low-urgency deliveries the peer had received when the high-urgency one arrived. */
  let lowsWhenHighArrived = -1;
  const lows = () => peer.requests.filter((r) => r.path === '/low').length;

  beforeAll(async () => {
    w = await createWorld(dialect);
    peer = await startRecorder((req: Recorded) => {
      if (req.path === '/high') lowsWhenHighArrived = lows();
      return { status: 200 };
    });
  });
  afterAll(async () => {
    await peer.close();
    await w.close();
  });

  it('runs the high-urgency notification within a few jobs, not after the 2,000 ahead of it', {
    timeout: 120_000,
  }, async () => {
    const backlogPeople: string[] = [];
    for (let i = 0; i < BACKLOG_PEOPLE; i++) {
      backlogPeople.push((await person(w, `Backlog ${i}`, [{ kind: 'webhook', address: `${peer.url}/low` }])).id);
    }
    const urgent = await person(w, 'On call', [{ kind: 'webhook', address: `${peer.url}/high` }]);
    for (let i = 0; i < BACKLOG_PAGES; i++) {
      await createPage(
        w.t,
        { userIds: backlogPeople, summary: `Slow disk ${i}`, urgency: 'low', details: '' },
        'system',
      );
    }

    // The fake clock stands still: everything below is due now, and only priorities order it.
    const scheduler = new Scheduler({ ctx: w.t, handlers: allJobHandlers(), concurrency: CONCURRENCY });
    scheduler.start();
    try {
      await vi.waitFor(() => expect(lows()).toBeGreaterThanOrEqual(50), WAIT);
      const backlog = await w.t.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'notification-send')
        .where('status', '=', 'pending')
        .where('run_at', '<=', w.t.clock.now())
        .executeTakeFirstOrThrow();
      const lowsAtPage = lows();
      const paged = performance.now();
      await createPage(w.t, { userIds: [urgent.id], summary: 'Checkout down', urgency: 'high', details: '' }, 'system');
      await vi.waitFor(() => expect(lowsWhenHighArrived).toBeGreaterThanOrEqual(0), WAIT);
      const overtakenAfter = lowsWhenHighArrived - lowsAtPage;
      const webhooksLeft = BACKLOG_PEOPLE * BACKLOG_PAGES - lowsWhenHighArrived;
      console.log(
        `overload [${dialect}]: paged with ${backlog.n} low-urgency deliveries due; the high-urgency webhook arrived ${Math.round(performance.now() - paged)} ms later, after ${overtakenAfter} low-urgency webhooks (${webhooksLeft} still waiting)`,
      );
      expect(Number(backlog.n)).toBeGreaterThanOrEqual(2_000);
      // What was already running finishes (a slot each), then the page's step and its send go first.
      expect(overtakenAfter).toBeLessThanOrEqual(3 * CONCURRENCY);
      expect(webhooksLeft).toBeGreaterThan(1_000);
    } finally {
      await scheduler.stop();
    }
  });
});
