import { type Insertable, PostgresAdapter, sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';
import type { JobsTable } from './jobs.model.js';
import { JOBS_CHANNEL, signalJobsChanged } from './wakeup.js';

export type NewJob = {
  kind: string;
  payload?: unknown;
  /** Epoch ms; defaults to now. A job never runs before this. */
  runAt?: number;
  priority?: number;
  /** Idempotency: while a job with this key is pending, enqueueing another is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
};

/**
 * Writes a job row inside the caller's transaction, so the job exists if and only if
 * the change that caused it committed.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await insertIncident(trx, incident);
 *   await enqueueJob(trx, clock, { kind: 'incident-update-reminder', payload: { incidentId }, runAt: due });
 * });
 */
export async function enqueueJob(ex: Executor, clock: Clock, job: NewJob): Promise<string> {
  const now = clock.now();
  const row = {
    id: newId(),
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    run_at: job.runAt ?? now,
    priority: job.priority ?? 0,
    max_attempts: job.maxAttempts ?? 10,
    dedupe_key: job.dedupeKey ?? null,
    last_error: null,
    locked_by: null,
    locked_until: null,
    created_at: now,
    finished_at: null,
  };
  const id = job.dedupeKey ? await insertUnlessPending(ex, row, job.dedupeKey) : await insert(ex, row);
  if (id === row.id) await wakeSchedulers(ex);
  return id;
}

type Row = Insertable<JobsTable> & { id: string };

async function insert(ex: Executor, row: Row): Promise<string> {
  await ex.insertInto('jobs').values(row).execute();
  return row.id;
}

// The dedupe index covers pending rows only, so the conflict target names the same predicate. The
// pending job we collided with may be claimed before we read it back: then insert again (bounded).
async function insertUnlessPending(ex: Executor, row: Row, dedupeKey: string): Promise<string> {
  for (let tries = 0; tries < 3; tries++) {
    const inserted = await ex
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').where(sql.ref('status'), '=', sql.lit('pending')).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await ex
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', dedupeKey)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  throw new Error(`enqueueJob: could not insert or find the pending job with dedupe key "${dedupeKey}"`);
}

// On PostgreSQL, NOTIFY inside the caller's transaction is delivered at commit (never for a rollback)
// to every scheduler process. The local signal wakes this process's scheduler at once; on SQLite its
// next query waits for this transaction anyway, and on PostgreSQL the NOTIFY follows at commit.
async function wakeSchedulers(ex: Executor): Promise<void> {
  if (ex.getExecutor().adapter instanceof PostgresAdapter && !notified.has(ex)) {
    await sql.raw(`NOTIFY ${JOBS_CHANNEL}`).execute(ex);
    // PostgreSQL folds identical notifications of one transaction into one: skip the round trips.
    if (ex.isTransaction) notified.add(ex);
  }
  signalJobsChanged();
}

const notified = new WeakSet<Executor>();

/** Cancels pending jobs of a kind with a dedupe key (e.g. a reminder made moot by an update). */
export async function cancelJob(ex: Executor, dedupeKey: string): Promise<void> {
  await ex.deleteFrom('jobs').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
}
