import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { listDeadJobs } from '../../src/core/scheduler/jobs.repo.js';
import { createPage } from '../../src/domains/paging/index.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, person, policyFor, startRecorder, type World } from './helpers.js';
import { scaledClock } from './scaled-clock.js';

// A real crash: a scheduler process runs an escalation against the test database, is SIGKILLed
// mid-run, and a new process picks up. Every step must run exactly once, in order, none early.

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.join(here, 'paging-worker.ts');
const SPEED = 300; // one clock minute = 200 ms
const STEPS = 10;

describeEachDialect('paging: resume after a killed process', (dialect) => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startRecorder>>;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    w = await createWorld(dialect);
    hook = await startRecorder();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await hook.close();
    await w.close();
  });

  async function startWorker(clockSpec: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      cwd: here,
      env: { ...process.env, PAGING_WORKER_DB_URL: w.t.database.url, PAGING_WORKER_CLOCK: clockSpec },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.value !== 'ready') throw new Error(`worker did not start (said ${JSON.stringify(first.value)})`);
    return child;
  }
  const steps = (pageId: string) =>
    w.t.db
      .selectFrom('page_steps')
      .select(['step', 'started_at'])
      .where('page_id', '=', pageId)
      .orderBy('step')
      .execute();

  it('SIGKILL mid-run, restart: no step skipped, none doubled', { timeout: 90_000 }, async () => {
    const responder = await person(w, 'Rita', [{ kind: 'webhook', address: `${hook.url}/rita` }]);
    const { serviceId } = await policyFor(w, [{ userIds: [responder.id], delayMinutes: 1 }], STEPS - 1);

    const realOrigin = Date.now();
    const origin = w.t.clock.now();
    const clockSpec = `${origin},${realOrigin},${SPEED}`;
    const clock = scaledClock(origin, realOrigin, SPEED);
    const { id: pageId } = await createPage(
      { ...w.t, clock },
      { serviceId, summary: 'Crash test', urgency: 'high' },
      'system',
    );

    const first = await startWorker(clockSpec);
    await vi.waitFor(async () => expect((await steps(pageId)).length).toBeGreaterThanOrEqual(3), {
      timeout: 20_000,
      interval: 5,
    });
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = (await steps(pageId)).length;
    expect(atKill).toBeLessThan(STEPS);
    // Down for a while: steps fall due and nobody runs them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await steps(pageId)).length).toBe(atKill);

    const second = await startWorker(clockSpec);
    await vi.waitFor(async () => expect((await steps(pageId)).length).toBe(STEPS), { timeout: 45_000, interval: 20 });
    // Everything the run queued has been delivered before we stop.
    await vi.waitFor(
      async () => {
        const open = await w.t.db
          .selectFrom('notifications')
          .select('id')
          .where('page_id', '=', pageId)
          .where('status', 'not in', ['sent'])
          .execute();
        expect(open).toEqual([]);
      },
      { timeout: 20_000, interval: 20 },
    );
    second.stdin!.write('stop\n');
    await once(second, 'exit');
    expect(second.exitCode).toBe(0);

    const done = await steps(pageId);
    expect(done.map((s) => s.step)).toEqual([...Array(STEPS).keys()]);
    for (let i = 1; i < done.length; i++)
      expect(done[i]!.started_at - done[i - 1]!.started_at).toBeGreaterThanOrEqual(60_000);
    const notifications = await w.t.db
      .selectFrom('notifications')
      .select(['id', 'step', 'channel'])
      .where('page_id', '=', pageId)
      .execute();
    expect(notifications).toHaveLength(STEPS * 2); // in-app + webhook per step, never more
    const webhookIds = new Set(notifications.filter((n) => n.channel === 'webhook').map((n) => n.id));
    const delivered = hook.requests
      .filter((r) => r.path === '/rita')
      .map((r) => r.headers['idempotency-key'] as string);
    expect(new Set(delivered)).toEqual(webhookIds);
    // A notification goes out twice only when the process died during its send (the attempt is
    // marked interrupted), and then under the same idempotency key.
    const interrupted = await w.t.db
      .selectFrom('notification_attempts')
      .select('notification_id')
      .where('status', '=', 'interrupted')
      .where('notification_id', 'in', [...webhookIds])
      .execute();
    expect(delivered.length - webhookIds.size).toBeLessThanOrEqual(interrupted.length);
    expect(await listDeadJobs(w.t.db)).toEqual([]);
  });
});
