import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { newId } from '../../src/core/ids.js';
import { enqueueJob } from '../../src/core/scheduler/enqueue.js';
import { countPendingJobs, listDeadJobs } from '../../src/core/scheduler/jobs.repo.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.join(here, 'scheduler-worker.ts');
const LISTENER_APP = 'firebreak-scheduler-listener';

// Several processes sharing one database is a PostgreSQL deployment; SQLite runs one process.
describeEachDialect('scheduler in several processes', (dialect) => {
  const pgOnly = dialect === 'postgres' ? it : it.skip;
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  pgOnly('two OS processes together run 1,000 jobs, each exactly once', { timeout: 30_000 }, async () => {
    await sql`create table job_runs (job_id text not null, worker text not null)`.execute(t.db);
    const workers = await Promise.all(['worker-a', 'worker-b'].map((name) => startWorker(t.database.url, name)));
    try {
      for (let batch = 0; batch < 10; batch++) {
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 100; i++) await enqueueJob(trx, systemClock, { kind: 'record-run', payload: { i } });
        });
      }
      await vi.waitFor(async () => expect(await countPendingJobs(t.db)).toBe(0), { timeout: 20_000, interval: 50 });
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
    expect(workers.map((w) => w.exitCode)).toEqual([0, 0]);

    const { rows } = await sql<{ runs: number; jobs: number }>`
      select count(*)::int as runs, count(distinct job_id)::int as jobs from job_runs`.execute(t.db);
    expect(rows[0]).toEqual({ runs: 1_000, jobs: 1_000 });
    const perWorker = await sql<{ worker: string; n: number }>`
      select worker, count(*)::int as n from job_runs group by worker order by worker`.execute(t.db);
    // Both took part: the claim really is shared, not one process doing everything.
    expect(perWorker.rows.map((r) => r.worker)).toEqual(['worker-a', 'worker-b']);
    expect(await listDeadJobs(t.db)).toEqual([]);
  });

  pgOnly('wakes on another process’s NOTIFY, and again after its LISTEN connection drops', async () => {
    const ran: string[] = [];
    // The fake clock never moves and the poll is an hour: only a notification can run these jobs.
    const scheduler = new Scheduler({
      ctx: t,
      databaseUrl: t.database.url,
      pollMs: 60 * 60_000,
      handlers: {
        record: async (job) => {
          ran.push(job.id);
        },
      },
    });
    scheduler.start();
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    try {
      const firstPid = await listenerPid();
      const first = await insertFromOtherProcess(other);
      await vi.waitFor(() => expect(ran).toEqual([first]), { timeout: 5_000, interval: 10 });

      await other.query('select pg_terminate_backend($1)', [firstPid]);
      await vi.waitFor(async () => expect(await listenerPid()).not.toBe(firstPid), { timeout: 5_000, interval: 20 });
      const second = await insertFromOtherProcess(other);
      await vi.waitFor(() => expect(ran).toEqual([first, second]), { timeout: 5_000, interval: 10 });
    } finally {
      await other.end();
      await scheduler.stop();
    }
  });

  /** The pid of the scheduler's listening connection, once it has run LISTEN. */
  async function listenerPid(): Promise<number> {
    let pid = 0;
    await vi.waitFor(
      async () => {
        const { rows } = await sql<{ pid: number }>`
          select pid from pg_stat_activity
          where datname = current_database() and application_name = ${LISTENER_APP}
            and query ilike 'listen%' and state = 'idle'`.execute(t.db);
        expect(rows).toHaveLength(1);
        pid = rows[0]!.pid;
      },
      { timeout: 5_000, interval: 20 },
    );
    return pid;
  }

  /** Enqueues as a different process would: a plain insert and NOTIFY in one transaction, no local signal. */
  async function insertFromOtherProcess(client: pg.Client): Promise<string> {
    const id = newId();
    await client.query('begin');
    await client.query(`insert into jobs (id, kind, run_at, created_at) values ($1, 'record', $2, $2)`, [
      id,
      t.clock.now(),
    ]);
    await client.query('notify firebreak_jobs');
    await client.query('commit');
    return id;
  }
});

type Worker = ChildProcess & { lines: AsyncIterator<string> };

async function startWorker(url: string, name: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: here,
    env: { ...process.env, FIREBREAK_WORKER_DB_URL: url, FIREBREAK_WORKER_NAME: name },
    stdio: ['pipe', 'pipe', 'inherit'],
  }) as Worker;
  child.lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await child.lines.next();
  if (first.value !== 'ready') throw new Error(`worker ${name} did not start (said ${JSON.stringify(first.value)})`);
  return child;
}

async function stopWorker(child: Worker): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin!.write('stop\n');
  await exited;
}
