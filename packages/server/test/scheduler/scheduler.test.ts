import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { enqueueJob, enqueueJobs } from '../../src/core/scheduler/enqueue.js';
import { transact } from '../../src/core/scheduler/group-commit.js';
import type { JobHandler } from '../../src/core/scheduler/jobs.model.js';
import { countPendingJobs, listDeadJobs } from '../../src/core/scheduler/jobs.repo.js';
import { Scheduler, type SchedulerOptions } from '../../src/core/scheduler/scheduler.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('scheduler', (dialect) => {
  let t: TestContext;
  let schedulers: Scheduler[] = [];
  let ran: { id: string; kind: string; attempts: number }[];

  beforeAll(async () => {
    t = await createTestContext(dialect);
    // What the handlers below write, to see whether their writes committed together with the job's end.
    await sql`create table handler_writes (job_id text not null)`.execute(t.db);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    ran = [];
    await t.db.deleteFrom('jobs').execute();
  });
  afterEach(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    schedulers = [];
  });

  const record: JobHandler = async (job) => {
    ran.push({ id: job.id, kind: job.kind, attempts: job.attempts });
  };

  function scheduler(options: Partial<SchedulerOptions> = {}): Scheduler {
    const s = new Scheduler({ ctx: t, databaseUrl: t.database.url, handlers: { record }, ...options });
    schedulers.push(s);
    return s;
  }

  /** A handler that starts, then waits until the test calls `finish()`. */
  function blockingHandler() {
    let finish!: () => void;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const slow: JobHandler = async (job) => {
      markStarted();
      await gate;
      ran.push({ id: job.id, kind: job.kind, attempts: job.attempts });
    };
    return { slow, started, finish };
  }

  const jobRow = (id: string) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  const handlerWrites = async (jobId: string) =>
    (await sql<{ job_id: string }>`select job_id from handler_writes where job_id = ${jobId}`.execute(t.db)).rows
      .length;

  /** A gate a handler waits on outside the scheduler's slots, as a delivery waits on a slow peer. */
  function outsideGate() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const waiting: string[] = [];
    const waitOutside: JobHandler = async (job, _ctx, run) => {
      await run!.outside(async () => {
        waiting.push(job.id);
        await gate;
      });
      ran.push({ id: job.id, kind: job.kind, attempts: job.attempts });
    };
    return { waitOutside, waiting, open };
  }

  it('never runs a job before its due time, and runs it once the clock passes it', async () => {
    const s = scheduler();
    s.start();
    const id = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: t.clock.now() + 60_000 });
    await s.idle();
    await t.clock.advance(59_999);
    await s.idle();
    expect(ran).toEqual([]);
    expect(await s.runDue()).toBe(0);

    await t.clock.advance(1);
    await s.idle();
    expect(ran.map((r) => r.id)).toEqual([id]);
    expect(await jobRow(id)).toBeUndefined();
    expect(await countPendingJobs(t.db)).toBe(0);
  });

  it('runs due jobs by priority, then oldest due first', async () => {
    const now = t.clock.now();
    const low = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: now - 3_000, priority: 0 });
    const highLater = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: now - 1_000, priority: 10 });
    const highEarlier = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: now - 2_000, priority: 10 });
    const mid = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: now, priority: 5 });
    const future = await enqueueJob(t.db, t.clock, { kind: 'record', runAt: now + 1_000, priority: 99 });

    const s = scheduler({ concurrency: 1 });
    s.start();
    await s.idle();
    expect(ran.map((r) => r.id)).toEqual([highEarlier, highLater, mid, low]);
    expect(await jobRow(future)).toMatchObject({ status: 'pending' });
  });

  it('wakes at once when a job is enqueued in a transaction, without waiting for the poll', async () => {
    const s = scheduler({ pollMs: 60 * 60_000 });
    s.start();
    await s.idle();
    const id = await t.db.transaction().execute((trx) => enqueueJob(trx, t.clock, { kind: 'record' }));
    // The fake clock does not move: only the wake-up (local signal, or NOTIFY at commit) can run it.
    await vi.waitFor(() => expect(ran.map((r) => r.id)).toEqual([id]), { timeout: 5_000, interval: 10 });
  });

  it('retries a failing handler with growing backoff, then parks it dead with the last error', async () => {
    const failing: JobHandler = async (job) => {
      ran.push({ id: job.id, kind: job.kind, attempts: job.attempts });
      throw new Error(`smtp down (attempt ${job.attempts})`);
    };
    const s = scheduler({ handlers: { failing } });
    const id = await enqueueJob(t.db, t.clock, { kind: 'failing', maxAttempts: 4 });

    let previousDelay = 0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await s.runDue()).toBe(1);
      const row = await jobRow(id);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, locked_by: null });
      expect(row?.last_error).toContain(`smtp down (attempt ${attempt})`);
      const delay = row!.run_at - t.clock.now();
      expect(delay).toBeGreaterThan(previousDelay);
      previousDelay = delay;
      await t.clock.advance(delay - 1);
      expect(await s.runDue()).toBe(0);
      await t.clock.advance(1);
    }
    expect(await s.runDue()).toBe(1);

    expect(ran.map((r) => r.attempts)).toEqual([1, 2, 3, 4]);
    expect(await jobRow(id)).toMatchObject({
      status: 'dead',
      attempts: 4,
      locked_by: null,
      finished_at: t.clock.now(),
    });
    const dead = await listDeadJobs(t.db);
    expect(dead.map((d) => d.id)).toEqual([id]);
    expect(dead[0]?.lastError).toContain('smtp down (attempt 4)');
    expect(await countPendingJobs(t.db)).toBe(0);
    await t.clock.advance(24 * 60 * 60_000);
    expect(await s.runDue()).toBe(0);
  });

  it('parks a job of an unknown kind dead with a clear error', async () => {
    const id = await enqueueJob(t.db, t.clock, { kind: 'no-such-kind' });
    expect(await scheduler().runDue()).toBe(1);
    const [dead] = await listDeadJobs(t.db);
    expect(dead).toMatchObject({ id, kind: 'no-such-kind', attempts: 1 });
    expect(dead?.lastError).toContain('No handler for job kind "no-such-kind"');
  });

  it('reclaims a job whose lease expired (its worker died mid-run)', async () => {
    const id = await enqueueJob(t.db, t.clock, { kind: 'record' });
    await t.db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'dead-worker', locked_until: t.clock.now() + 30_000, attempts: 1 })
      .where('id', '=', id)
      .execute();

    const s = scheduler();
    s.start();
    await s.idle();
    expect(ran).toEqual([]);
    await t.clock.advance(29_999);
    await s.idle();
    expect(ran).toEqual([]);

    await t.clock.advance(1);
    await s.idle();
    expect(ran).toEqual([{ id, kind: 'record', attempts: 2 }]);
    expect(await jobRow(id)).toBeUndefined();
  });

  it('keeps the lease of a long-running handler alive so no one else takes the job', async () => {
    const { slow, started, finish } = blockingHandler();
    const first = scheduler({ handlers: { slow }, leaseMs: 30_000, workerId: 'first' });
    const other = scheduler({ handlers: { slow }, leaseMs: 30_000, workerId: 'other' });
    const id = await enqueueJob(t.db, t.clock, { kind: 'slow' });
    const running = first.runDue();
    await started;
    for (let i = 0; i < 6; i++) {
      await t.clock.advance(10_000);
      // Let the renewal write land before the other worker looks.
      await vi.waitFor(async () => expect((await jobRow(id))?.locked_until).toBeGreaterThan(t.clock.now()), {
        interval: 5,
      });
      expect(await other.runDue()).toBe(0);
    }
    finish();
    expect(await running).toBe(1);
    expect(ran).toHaveLength(1);
    expect(await jobRow(id)).toBeUndefined();
  });

  it('stop() waits for a running handler and loses no job', async () => {
    const { slow, started, finish } = blockingHandler();
    const s = scheduler({ concurrency: 1, handlers: { slow, record } });
    const slowId = await enqueueJob(t.db, t.clock, { kind: 'slow', priority: 1 });
    const laterId = await enqueueJob(t.db, t.clock, { kind: 'record' });
    s.start();
    await started;

    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    finish();
    await stopping;

    expect(ran.map((r) => r.id)).toEqual([slowId]);
    expect(await jobRow(slowId)).toBeUndefined();
    expect(await jobRow(laterId)).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
    expect(await scheduler().runDue()).toBe(1);
    expect(ran.map((r) => r.id)).toEqual([slowId, laterId]);
  });

  it('stop() right after start() leaves every claimed job runnable at once', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await enqueueJob(t.db, t.clock, { kind: 'record' }));
    const s = scheduler();
    s.start();
    await s.stop();
    // Whatever it had claimed either ran or went back unlocked, without waiting for a lease to expire.
    const left = await t.db.selectFrom('jobs').selectAll().execute();
    for (const row of left) expect(row).toMatchObject({ status: 'pending', locked_by: null, attempts: 0 });
    expect(left.length + ran.length).toBe(3);

    expect(await scheduler().runDue()).toBe(left.length);
    expect(ran.map((r) => r.id).sort()).toEqual(ids.sort());
  });

  it('a handler waiting outside holds no slot: with one slot, other jobs run meanwhile', async () => {
    const { waitOutside, waiting, open } = outsideGate();
    const slowId = await enqueueJob(t.db, t.clock, { kind: 'waitOutside', priority: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await enqueueJob(t.db, t.clock, { kind: 'record' }));
    const s = scheduler({ concurrency: 1, handlers: { waitOutside, record } });
    s.start();
    await vi.waitFor(() => expect(ran.map((r) => r.id).sort()).toEqual([...ids].sort()), { timeout: 5_000 });
    expect(waiting).toEqual([slowId]);
    expect(await jobRow(slowId)).toMatchObject({ status: 'running' });
    open();
    await vi.waitFor(async () => expect(await jobRow(slowId)).toBeUndefined(), { timeout: 5_000 });
    expect(ran.map((r) => r.id)).toContain(slowId);
  });

  it('holds at most maxWaitingOutside jobs waiting outside beyond its slots', async () => {
    const { waitOutside, waiting, open } = outsideGate();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await enqueueJob(t.db, t.clock, { kind: 'waitOutside', runAt: t.clock.now() - 3 + i }));
    }
    const s = scheduler({ concurrency: 1, maxWaitingOutside: 1, handlers: { waitOutside } });
    s.start();
    await vi.waitFor(() => expect(waiting).toEqual(ids.slice(0, 2)), { timeout: 5_000 });
    // Its loop had every chance to claim the third: a wake-up and some real time.
    s.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await jobRow(ids[2]!)).toMatchObject({ status: 'pending', attempts: 0 });
    open();
    await vi.waitFor(() => expect(ran).toHaveLength(3), { timeout: 5_000 });
    expect(waiting).toEqual(ids);
  });

  it("finish(trx) ends the job in the handler's own transaction: both commit or neither", async () => {
    let failInside = true;
    const writeAndFinish: JobHandler = async (job, ctx, run) => {
      await transact(ctx, async (trx) => {
        await sql`insert into handler_writes (job_id) values (${job.id})`.execute(trx);
        await run!.finish(trx);
        if (failInside) throw new Error('fails after finishing, before the commit');
      });
    };
    const s = scheduler({ handlers: { writeAndFinish } });
    const id = await enqueueJob(t.db, t.clock, { kind: 'writeAndFinish' });
    expect(await s.runDue()).toBe(1);
    // Rolled back together: no write, and the job is still there to retry.
    expect(await handlerWrites(id)).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await jobRow(id))?.last_error).toContain('fails after finishing');

    failInside = false;
    await t.clock.advance(60_000);
    expect(await s.runDue()).toBe(1);
    expect(await handlerWrites(id)).toBe(1);
    expect(await jobRow(id)).toBeUndefined();
  });

  it("finish(trx) refuses once the lease passed to another worker, and the handler's writes do not commit", async () => {
    const lateWorker: JobHandler = async (job, ctx, run) => {
      // Meanwhile the lease expired and another worker took the job over.
      await ctx.db
        .updateTable('jobs')
        .set({ locked_by: 'other-worker', attempts: 2 })
        .where('id', '=', job.id)
        .execute();
      await transact(ctx, async (trx) => {
        await sql`insert into handler_writes (job_id) values (${job.id})`.execute(trx);
        await run!.finish(trx);
      });
    };
    const id = await enqueueJob(t.db, t.clock, { kind: 'lateWorker' });
    expect(await scheduler({ handlers: { lateWorker } }).runDue()).toBe(1);
    expect(await handlerWrites(id)).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'running', locked_by: 'other-worker', attempts: 2 });
  });

  it('dedupes pending jobs by key, but lets a running job enqueue its successor under the same key', async () => {
    const key = 'reminder:incident-1';
    const first = await enqueueJob(t.db, t.clock, { kind: 'remind', dedupeKey: key, runAt: t.clock.now() });
    expect(await enqueueJob(t.db, t.clock, { kind: 'remind', dedupeKey: key })).toBe(first);

    let successor: string | undefined;
    const remind: JobHandler = async (job, ctx) => {
      ran.push({ id: job.id, kind: job.kind, attempts: job.attempts });
      if (!successor) {
        successor = await enqueueJob(ctx.db, ctx.clock, { kind: 'remind', dedupeKey: key, runAt: ctx.clock.now() + 1 });
      }
    };
    const s = scheduler({ handlers: { remind } });
    expect(await s.runDue()).toBe(1);
    expect(successor).toBeDefined();
    expect(successor).not.toBe(first);
    expect(await jobRow(successor!)).toMatchObject({ status: 'pending', dedupe_key: key });
    await t.clock.advance(1);
    expect(await s.runDue()).toBe(1);
    expect(ran.map((r) => r.id)).toEqual([first, successor]);
  });

  it('enqueues several jobs in one statement, each deduped against pending jobs and against the others', async () => {
    const pending = await enqueueJob(t.db, t.clock, { kind: 'record', dedupeKey: 'already' });
    const ids = await enqueueJobs(t.db, t.clock, [
      { kind: 'record', dedupeKey: 'twice' },
      { kind: 'record' },
      { kind: 'record', dedupeKey: 'already' },
      { kind: 'record', dedupeKey: 'twice' },
      { kind: 'record' },
    ]);
    expect(ids[2]).toBe(pending);
    expect(ids[3]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(4);
    const rows = await t.db.selectFrom('jobs').select(['id', 'dedupe_key']).orderBy('id').execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...new Set(ids)].sort());
    expect(await scheduler().runDue()).toBe(4);
    expect(ran.map((r) => r.id).sort()).toEqual([...new Set(ids)].sort());
  });

  it('a dead job does not block new work with its dedupe key', async () => {
    const key = 'export:weekly';
    const dead = await enqueueJob(t.db, t.clock, { kind: 'no-handler', dedupeKey: key });
    await scheduler().runDue();
    expect((await listDeadJobs(t.db)).map((d) => d.id)).toEqual([dead]);
    const fresh = await enqueueJob(t.db, t.clock, { kind: 'record', dedupeKey: key });
    expect(fresh).not.toBe(dead);
    expect(await countPendingJobs(t.db)).toBe(1);
  });
});
