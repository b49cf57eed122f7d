import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.js';
import type { JobHandler } from '../../src/core/scheduler/jobs.model.js';
import { countPendingJobs } from '../../src/core/scheduler/jobs.repo.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { percentileOf } from '../../src/domains/analytics/stats.js';
import { JOB_ESCALATE, JOB_SEND, PRIORITY } from '../../src/domains/paging/paging.model.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

// Issue #11 item 3: escalation steps never fire early and fire within 1 s of their due time (p99)
// with 100,000 pending jobs. Time is a FakeClock moved in quarter-second steps, so "fired at" is the
// first step at or after the moment the scheduler chose to wake up. A scheduler that sleeps until the
// earliest due job fires every job within one step; one that merely polled (every 5 s by default)
// fires most of a burst seconds late, and one that claimed in the wrong order shows it in the order
// of the runs.
//
// The table holds 100,000 pending jobs throughout: alert storms due in the first eight minutes (the jobs
// this test runs) and a backlog due over the following week that must stay untouched. Running all
// 100,000 would measure fsync, not the scheduler: every finished job is its own commit (minutes here).

const BURSTS = 16;
const BURST_EVERY_MS = 30_000;
const BURST_JOBS = 200;
/** Due times of one burst spread over this long, so several clock steps have work. */
const BURST_SPREAD_MS = 4_000;
const STORM_JOBS = BURSTS * BURST_JOBS;
const BACKLOG_JOBS = 100_000 - STORM_JOBS;
const WINDOW_MS = BURSTS * BURST_EVERY_MS;
const BACKLOG_SPREAD_MS = 7 * 24 * 60 * 60_000;
const STEP_MS = 250;
const INSERT_CHUNK = 2_000;
// Low-discrepancy scatter: deterministic, not aligned to clock steps.
const GOLDEN = (Math.sqrt(5) - 1) / 2;
const scatter = (i: number, span: number) => Math.floor(((i * GOLDEN) % 1) * span);

// The kinds of work the paging domain schedules, so priorities interleave as they do in production.
const MIX = [
  { kind: JOB_ESCALATE, priority: PRIORITY.escalate.high },
  { kind: JOB_ESCALATE, priority: PRIORITY.escalate.low },
  { kind: JOB_SEND, priority: PRIORITY.send.high },
  { kind: JOB_SEND, priority: PRIORITY.send.low },
] as const;

/** Job `i` (0 … 99,999): the first STORM_JOBS fall due in bursts inside the window, the rest after it. */
function dueAt(start: number, i: number): number {
  if (i < STORM_JOBS) {
    const burst = Math.floor(i / BURST_JOBS);
    return start + 1_000 + burst * BURST_EVERY_MS + scatter(i, BURST_SPREAD_MS);
  }
  return start + WINDOW_MS + 1 + scatter(i, BACKLOG_SPREAD_MS);
}

type Fired = { id: string; kind: string; priority: number; due: number; fired: number };

describeEachDialect('scheduler: lateness with 100,000 pending jobs', (dialect) => {
  let t: TestContext;
  let scheduler: Scheduler | undefined;
  const fired: Fired[] = [];

  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await t.close();
  });

  // Setup writes the rows directly, in one transaction: enqueueJob would wake a scheduler per row.
  async function insertPendingJobs(start: number): Promise<void> {
    await t.db.transaction().execute(async (trx) => {
      for (let from = 0; from < STORM_JOBS + BACKLOG_JOBS; from += INSERT_CHUNK) {
        const rows = [];
        for (let i = from; i < from + INSERT_CHUNK; i++) {
          const { kind, priority } = MIX[i % MIX.length]!;
          const payload = JSON.stringify({ priority });
          rows.push({ id: newId(), kind, payload, run_at: dueAt(start, i), priority, created_at: start });
        }
        await trx.insertInto('jobs').values(rows).execute();
      }
    });
  }

  const record: JobHandler<{ priority: number }> = async (job, ctx) => {
    fired.push({ id: job.id, kind: job.kind, priority: job.payload.priority, due: job.runAt, fired: ctx.clock.now() });
  };

  it('runs each due job once, none early, within one clock step of its due time, in claim order', async () => {
    const start = t.clock.now();
    await insertPendingJobs(start);
    expect(await countPendingJobs(t.db)).toBe(100_000);

    scheduler = new Scheduler({
      ctx: t,
      databaseUrl: t.database.url,
      handlers: { [JOB_ESCALATE]: record, [JOB_SEND]: record },
      concurrency: 16,
    });
    const began = performance.now();
    scheduler.start();
    await scheduler.idle();
    expect(fired).toEqual([]);

    while (t.clock.now() < start + WINDOW_MS) {
      await t.clock.advance(STEP_MS);
      await scheduler.idle();
    }
    const seconds = (performance.now() - began) / 1000;

    expect(fired).toHaveLength(STORM_JOBS);
    expect(new Set(fired.map((f) => f.id)).size).toBe(STORM_JOBS);
    expect(fired.filter((f) => f.fired < f.due)).toEqual([]);
    // The backlog is still there, none of it touched: nothing ran ahead of time.
    expect(await countPendingJobs(t.db)).toBe(BACKLOG_JOBS);
    const earliestLeft = await t.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min<number>('run_at').as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(earliestLeft.at)).toBeGreaterThan(t.clock.now());

    const lateness = (kind: string) =>
      fired
        .filter((f) => f.kind === kind)
        .map((f) => f.fired - f.due)
        .sort((a, b) => a - b);
    const steps = lateness(JOB_ESCALATE);
    const sends = lateness(JOB_SEND);
    expect(steps).toHaveLength(STORM_JOBS / 2);
    expect(percentileOf(steps, 99)).toBeLessThanOrEqual(1_000);
    // Stronger than the p99 bound: the scheduler wakes in the very step in which each job falls due.
    expect(steps.at(-1)).toBeLessThan(STEP_MS);
    expect(sends.at(-1)).toBeLessThan(STEP_MS);

    // Jobs due by the same instant run higher priority first, then earliest due first.
    const outOfOrder = fired.filter((f, i) => {
      const prev = fired[i - 1];
      if (!prev || prev.fired !== f.fired) return false;
      return prev.priority < f.priority || (prev.priority === f.priority && prev.due > f.due);
    });
    expect(outOfOrder).toEqual([]);
    // The order check means something only if steps held mixed work.
    expect(fired.filter((f, i) => fired[i - 1]?.fired === f.fired).length).toBeGreaterThan(STORM_JOBS / 2);

    console.log(
      `[lateness ${dialect}] ${STORM_JOBS} jobs run over ${WINDOW_MS / 60_000} min of fake time in ${STEP_MS} ms ` +
        `steps, ${BACKLOG_JOBS} more pending, ${seconds.toFixed(1)} s: escalation steps late by ` +
        `p50 ${percentileOf(steps, 50)} ms, p99 ${percentileOf(steps, 99)} ms, max ${steps.at(-1)} ms; none early`,
    );
  });
});
