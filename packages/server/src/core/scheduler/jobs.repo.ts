import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { Dialect, Executor, Tables } from '../db/database.js';
import type { JobsTable } from './jobs.model.js';

// Queries of the jobs table. Only the scheduler (and enqueue.ts) write it.

export type JobRow = Selectable<JobsTable>;

/** Identifies one claim of a job: a write fenced by it is a no-op once the lease passed to another run. */
export type Claim = { id: string; workerId: string; attempts: number };

export type ClaimOptions = { workerId: string; now: number; leaseMs: number; limit: number };

/**
 * Leases up to `limit` jobs that are due (pending with `run_at <= now`) or whose lease expired
 * (running with `locked_until <= now`: the worker died), higher priority first, then oldest due.
 * Each claim counts as an attempt, so a job that kills its process every time still ends up dead.
 * One statement either way, so it is atomic on its own (the scheduler runs it through
 * `writeStatement`, which lets it share a commit on SQLite).
 */
export async function claimDueJobs(ex: Executor, dialect: Dialect, options: ClaimOptions): Promise<JobRow[]> {
  const rows = dialect === 'postgres' ? await claimOnPostgres(ex, options) : await claimOnSqlite(ex, options);
  return rows.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || a.id.localeCompare(b.id));
}

// SKIP LOCKED lets several processes claim at once without waiting on each other or taking the same
// row. The CTE is MATERIALIZED so the locking subquery runs exactly once (an IN (subquery … LIMIT)
// may be re-executed by the planner and lock more rows than asked for).
async function claimOnPostgres(ex: Executor, { workerId, now, leaseMs, limit }: ClaimOptions): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    with next as materialized (
      select id from jobs
      where (status = 'pending' and run_at <= ${now})
         or (status = 'running' and locked_until <= ${now})
      order by priority desc, run_at, id
      limit ${limit}
      for update skip locked
    )
    update jobs
    set status = 'running', locked_by = ${workerId}, locked_until = ${now + leaseMs}, attempts = jobs.attempts + 1
    from next
    where jobs.id = next.id
    returning jobs.*`.execute(ex);
  return result.rows;
}

// SQLite has one writer at a time, so a single UPDATE … RETURNING is already exclusive.
function claimOnSqlite(ex: Executor, { workerId, now, leaseMs, limit }: ClaimOptions): Promise<JobRow[]> {
  return ex
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: workerId,
      locked_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
    }))
    .where(
      'id',
      'in',
      ex
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
          ]),
        )
        .orderBy('priority', 'desc')
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit),
    )
    .returningAll()
    .execute();
}

/**
 * When the scheduler must next look at the table: the earliest pending `run_at` or the earliest
 * lease of another worker that may expire. Null when there is nothing to wait for.
 */
export async function nextWakeAt(ex: Executor, workerId: string): Promise<number | null> {
  // Two index-answered MINs (jobs_due, jobs_lease) instead of one CASE over every pending row:
  // with 100,000 far-future jobs the single query scanned them all after every claim.
  const [due, lease] = await Promise.all([
    ex
      .selectFrom('jobs')
      .select((eb) => eb.fn.min<number | null>('run_at').as('next'))
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    ex
      .selectFrom('jobs')
      .select((eb) => eb.fn.min<number | null>('locked_until').as('next'))
      .where('status', '=', 'running')
      .where('locked_by', '!=', workerId)
      .executeTakeFirst(),
  ]);
  const times = [due?.next, lease?.next].filter((t): t is number => t != null).map(Number);
  return times.length ? Math.min(...times) : null;
}

/** Success: the row goes away, keeping the table small. False when the lease had already passed on. */
export async function deleteFinishedJob(ex: Executor, claim: Claim): Promise<boolean> {
  const result = await ex.deleteFrom('jobs').where(heldBy(claim)).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Keeps a running job's lease alive while its handler works. */
export async function extendLease(ex: Executor, claim: Claim, lockedUntil: number): Promise<boolean> {
  const result = await ex
    .updateTable('jobs')
    .set({ locked_until: lockedUntil })
    .where(heldBy(claim))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A failed attempt with attempts left: back to pending at `runAt`, keeping the error for people to read. */
export function retryJob(ex: Executor, claim: Claim, change: { runAt: number; error: string }): Promise<boolean> {
  return returnToPending(ex, claim, { run_at: change.runAt, last_error: change.error });
}

/** A claimed job this worker will not start after all (it is stopping): as if it had never been claimed. */
export function releaseJob(ex: Executor, claim: Claim): Promise<boolean> {
  return returnToPending(ex, claim, { attempts: claim.attempts - 1 });
}

/** Out of attempts, or unrunnable: kept as 'dead' with its last error until a person looks at it. */
export async function parkDeadJob(
  ex: Executor,
  claim: Claim,
  change: { error: string; now: number },
): Promise<boolean> {
  const result = await ex
    .updateTable('jobs')
    .set({ status: 'dead', last_error: change.error, finished_at: change.now, locked_by: null, locked_until: null })
    .where(heldBy(claim))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// While a job ran, a new pending job with its dedupe key may have been enqueued (the key is unique among
// pending rows only). Then the newer job owns the key and this one goes back without it.
async function returnToPending(
  ex: Executor,
  claim: Claim,
  change: { run_at?: number; last_error?: string; attempts?: number },
): Promise<boolean> {
  const update = (dropKey: boolean) =>
    ex
      .updateTable('jobs')
      .set({
        ...change,
        ...(dropKey ? { dedupe_key: null } : {}),
        status: 'pending',
        locked_by: null,
        locked_until: null,
      })
      .where(heldBy(claim))
      .executeTakeFirst();
  try {
    return (await update(false)).numUpdatedRows > 0n;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await update(true)).numUpdatedRows > 0n;
  }
}

function heldBy(claim: Claim) {
  return (eb: ExpressionBuilder<Tables, 'jobs'>) =>
    eb.and({ id: claim.id, status: 'running', locked_by: claim.workerId, attempts: claim.attempts });
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export type DeadJob = {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  diedAt: number | null;
};

/** Dead jobs, most recent first, for the admin page and tests. */
export async function listDeadJobs(ex: Executor, options: { limit?: number } = {}): Promise<DeadJob[]> {
  const rows = await ex
    .selectFrom('jobs')
    .select(['id', 'kind', 'payload', 'attempts', 'last_error', 'created_at', 'finished_at'])
    .where('status', '=', 'dead')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    diedAt: r.finished_at,
  }));
}

/** Jobs still to run: waiting (pending) or running now. Optionally only those of one kind. */
export async function countPendingJobs(ex: Executor, options: { kind?: string } = {}): Promise<number> {
  let query = ex
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'running']);
  if (options.kind) query = query.where('kind', '=', options.kind);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
