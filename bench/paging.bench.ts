// bench/paging: (1) page created → first notification handed to the channel, at a sustained 200
// pages/s: a real Scheduler (system clock, the configuration's default concurrency and lease, as
// `firebreak serve` starts it) runs paging's job handlers, pages go through `createPage` to people
// whose only contact method is a webhook on a loopback server run here, and the latency is the
// moment the webhook request arrives (matched by the page id in the body) minus the moment
// createPage was called. (2) Scheduler lateness with 100,000 pending jobs: far-future filler rows
// plus 2,000 high-priority jobs due across the next 20 s, run by a handler registered only here
// that records `now - run_at`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Insertable, sql } from 'kysely';
import type { Dialect } from '../packages/server/src/core/db/database.js';
import { newId } from '../packages/server/src/core/ids.js';
import { groupCommitStats } from '../packages/server/src/core/scheduler/group-commit.js';
import type { JobHandler, JobsTable } from '../packages/server/src/core/scheduler/jobs.model.js';
import { Scheduler } from '../packages/server/src/core/scheduler/scheduler.js';
import type { ContactMethodsTable, UsersTable } from '../packages/server/src/domains/directory/directory.model.js';
import { createPage, pagingModule } from '../packages/server/src/domains/paging/index.js';
import type { TestContext } from '../packages/server/test/databases.js';
import {
  BENCH_DIALECTS,
  benchContext,
  fmt,
  insertMany,
  machineLine,
  percentile,
  seededRandom,
  verdict,
} from './lib.js';

const RATE = 200; // pages per second
const WARMUP_PAGES = RATE; // one second, not counted
const MEASURED_PAGES = RATE * 10;
const RECIPIENTS = 200;
const DELIVERY_TARGET_P99 = 500;

const FILLER_JOBS = 100_000;
const DUE_JOBS = 2_000;
const DUE_SPREAD_MS = 20_000;
const DUE_LEAD_MS = 1_000; // the first due job is this far after the scheduler starts
const LATENESS_TARGET_P99 = 1_000;
const BENCH_DUE_KIND = 'bench-due';
const BENCH_FILLER_KIND = 'bench-filler';
const DAY = 86_400_000;

export default async function run(): Promise<void> {
  console.log(machineLine());
  for (const dialect of BENCH_DIALECTS) {
    await benchPageToChannel(dialect);
    await benchLateness(dialect);
  }
}

/**
 * A scheduler as `firebreak serve` starts it: concurrency and lease from the configuration's
 * defaults (FIREBREAK_JOB_CONCURRENCY, FIREBREAK_JOB_LEASE_SECONDS), LISTEN on PostgreSQL.
 */
function startScheduler(ctx: TestContext, handlers: Record<string, JobHandler>): Scheduler {
  const scheduler = new Scheduler({ ctx, handlers, databaseUrl: ctx.database.url, ...ctx.config.jobs });
  scheduler.start();
  return scheduler;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` or `timeoutMs` passes; answers whether it finished. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) return false;
    await sleep(20);
  }
  return true;
}

/** A loopback webhook receiver noting when the first request for each page arrived (epoch ms). */
async function startReceiver() {
  const arrivals = new Map<string, number>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const at = Date.now(); // headers are in: the channel has handed the notification over
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { page?: { id?: string } | null };
        const id = body.page?.id;
        if (id && !arrivals.has(id)) arrivals.set(id, at);
      } catch {
        // not ours: counted in `requests`, never matched
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    arrivals,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** People whose only contact method is a webhook to the receiver (default rules: every method at 0). */
async function seedRecipients(ctx: TestContext, receiverUrl: string): Promise<string[]> {
  const now = ctx.clock.now();
  const users: UsersTable[] = [];
  const methods: ContactMethodsTable[] = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const id = newId();
    users.push({
      id,
      name: `Responder ${i}`,
      email: `responder-${i}@example.test`,
      role: 'responder',
      time_zone: 'UTC',
      password_hash: null,
      created_at: now,
      updated_at: now,
      deactivated_at: null,
    });
    methods.push({
      id: newId(),
      user_id: id,
      kind: 'webhook',
      label: 'pager hook',
      address: `${receiverUrl}/hook/${i}`,
      verified_at: now,
      created_at: now,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(trx, 'users', users);
    await insertMany(trx, 'contact_methods', methods);
  });
  return users.map((u) => u.id);
}

async function benchPageToChannel(dialect: Dialect): Promise<void> {
  const ctx = await benchContext(dialect);
  const receiver = await startReceiver();
  let scheduler: Scheduler | null = null;
  try {
    const userIds = await seedRecipients(ctx, receiver.url);
    scheduler = startScheduler(ctx, pagingModule.jobs ?? {});

    const calledAt = new Map<string, number>(); // measured pages only
    const createMs: number[] = [];
    const errors: string[] = [];
    const inFlight: Promise<void>[] = [];
    const total = WARMUP_PAGES + MEASURED_PAGES;
    const page = async (i: number) => {
      const at = Date.now();
      const t0 = performance.now();
      try {
        const { id } = await createPage(
          ctx,
          { userIds: [userIds[i % RECIPIENTS]!], summary: `Bench page ${i}`, urgency: 'high' },
          'system',
        );
        if (i >= WARMUP_PAGES) {
          calledAt.set(id, at);
          createMs.push(performance.now() - t0);
        }
      } catch (err) {
        errors.push((err as Error).message);
      }
    };
    // Open-loop pacing: page i is due at start + i/RATE whatever the earlier calls are doing, so a
    // slow server shows up as latency, not as a lower offered rate.
    const start = performance.now();
    let measuredFrom = 0;
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      if (i === WARMUP_PAGES) measuredFrom = performance.now();
      inFlight.push(page(i));
    }
    await Promise.all(inFlight);
    const offeredSeconds = (performance.now() - measuredFrom) / 1000;
    const allArrived = await waitFor(() => [...calledAt.keys()].every((id) => receiver.arrivals.has(id)), 60_000);

    const latencies: number[] = [];
    for (const [id, at] of calledAt) {
      const arrived = receiver.arrivals.get(id);
      if (arrived !== undefined) latencies.push(arrived - at);
    }
    const p99 = percentile(latencies, 99);
    const jobsLeft = await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_at', '<=', Date.now())
      .executeTakeFirstOrThrow();
    console.log(
      `\n${dialect}: (1) createPage → webhook request arrives, ${RATE} pages/s offered (${MEASURED_PAGES} measured after ${WARMUP_PAGES} warm-up), ${RECIPIENTS} people, scheduler concurrency ${ctx.config.jobs.concurrency}, lease ${ctx.config.jobs.leaseMs / 1000} s`,
    );
    console.log(
      `  offered ${(MEASURED_PAGES / offeredSeconds).toFixed(0)} pages/s over ${offeredSeconds.toFixed(1)} s; createPage call ${stats(createMs)}`,
    );
    console.log(
      `  page → channel: n=${latencies.length}, p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, p99 ${fmt(p99)}, max ${fmt(Math.max(...latencies))}  target p99 < ${DELIVERY_TARGET_P99} ms: ${verdict(p99, DELIVERY_TARGET_P99)}`,
    );
    const firstSecond = latencies.slice(0, RATE);
    const lastSecond = latencies.slice(-RATE);
    console.log(
      `  drift: first second p50 ${fmt(percentile(firstSecond, 50))}, last second p50 ${fmt(percentile(lastSecond, 50))}`,
    );
    const group = groupCommitStats(ctx.db);
    if (dialect === 'sqlite') {
      console.log(
        `  group commit: ${group.members} transactions and statements in ${group.commits} commits (${(group.members / Math.max(1, group.commits)).toFixed(1)} per fsync)`,
      );
    }
    console.log(
      `  webhook requests ${receiver.requests()}, pages not delivered ${calledAt.size - latencies.length}${allArrived ? '' : ' (gave up waiting after 60 s)'}, createPage errors ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}, due jobs left ${Number(jobsLeft.n)}`,
    );
    console.log(`  ${machineLine()}`);
  } finally {
    await scheduler?.stop();
    await receiver.close();
    await ctx.close();
  }
}

/** `n, p50, p99, max` of durations, for one printed line. */
function stats(values: number[]): string {
  return `n=${values.length}, p50 ${fmt(percentile(values, 50))}, p99 ${fmt(percentile(values, 99))}, max ${fmt(Math.max(...values))}`;
}

function jobRow(kind: string, runAt: number, priority: number, dedupeKey: string, now: number): Insertable<JobsTable> {
  return {
    id: newId(),
    kind,
    payload: JSON.stringify({ key: dedupeKey }),
    run_at: runAt,
    priority,
    status: 'pending',
    attempts: 0,
    max_attempts: 10,
    last_error: null,
    dedupe_key: dedupeKey,
    locked_by: null,
    locked_until: null,
    created_at: now,
    finished_at: null,
  };
}

async function benchLateness(dialect: Dialect): Promise<void> {
  const ctx = await benchContext(dialect);
  let scheduler: Scheduler | null = null;
  try {
    const r = seededRandom(5);
    let t = performance.now();
    const seededAt = Date.now();
    const filler = Array.from({ length: FILLER_JOBS }, (_, i) =>
      jobRow(
        BENCH_FILLER_KIND,
        seededAt + 30 * DAY + r.int(365 * DAY),
        r.pick([0, 30, 40, 90, 100]),
        `filler:${i}`,
        seededAt,
      ),
    );
    await ctx.db.transaction().execute((trx) => insertMany(trx, 'jobs', filler));
    if (dialect === 'postgres') await sql`analyze jobs`.execute(ctx.db); // what autovacuum does after a bulk load
    const fillMs = performance.now() - t;

    const lateness: number[] = [];
    const due: JobHandler = async (job, c) => {
      lateness.push(c.clock.now() - job.runAt);
    };
    const base = Date.now() + DUE_LEAD_MS;
    const dueRows = Array.from({ length: DUE_JOBS }, (_, i) =>
      jobRow(
        BENCH_DUE_KIND,
        base + Math.floor((i / DUE_JOBS) * DUE_SPREAD_MS) + r.int(10),
        100,
        `due:${i}`,
        Date.now(),
      ),
    );
    await ctx.db.transaction().execute((trx) => insertMany(trx, 'jobs', dueRows));
    t = performance.now();
    scheduler = startScheduler(ctx, { [BENCH_DUE_KIND]: due });
    const finished = await waitFor(() => lateness.length >= DUE_JOBS, DUE_SPREAD_MS + DUE_LEAD_MS + 30_000);
    const p99 = percentile(lateness, 99);
    const early = lateness.filter((l) => l < 0).length;
    console.log(
      `\n${dialect}: (2) job lateness, ${FILLER_JOBS.toLocaleString('en')} far-future pending jobs (bulk-inserted in ${(fillMs / 1000).toFixed(1)} s) + ${DUE_JOBS.toLocaleString('en')} due across ${DUE_SPREAD_MS / 1000} s`,
    );
    console.log(
      `  lateness (now - run_at): n=${lateness.length}, p50 ${fmt(percentile(lateness, 50))}, p99 ${fmt(p99)}, max ${fmt(Math.max(...lateness))}  target p99 < ${LATENESS_TARGET_P99} ms: ${verdict(p99, LATENESS_TARGET_P99)}`,
    );
    console.log(
      `  ran early: ${early} (min lateness ${fmt(Math.min(...lateness))}) ${early === 0 ? 'PASS' : 'FAIL'}; ${finished ? 'all ran' : `only ${lateness.length} ran`} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    console.log(`  ${machineLine()}`);
  } finally {
    await scheduler?.stop();
    await ctx.close();
  }
}
