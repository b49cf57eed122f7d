import { type Insertable, PostgresAdapter, sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';
import { wakesAfterCommit } from './group-commit.js';
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
 * the change that caused it committed. Answers the job's id: with a `dedupeKey` already pending,
 * that job's.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await insertIncident(trx, incident);
 *   await enqueueJob(trx, clock, { kind: 'incident-update-reminder', payload: { incidentId }, runAt: due });
 * });
 */
export async function enqueueJob(ex: Executor, clock: Clock, job: NewJob): Promise<string> {
  const [id] = await enqueueJobs(ex, clock, [job]);
  return id!;
}

/**
 * `enqueueJob` for several jobs in one statement (a page step's sends and its next step; the steps
 * of many pages). Answers the ids in order.
 */
export async function enqueueJobs(ex: Executor, clock: Clock, jobs: readonly NewJob[]): Promise<string[]> {
  const now = clock.now();
  const rows: Row[] = jobs.map((job) => ({
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
  }));
  const ids: string[] = [];
  for (let from = 0; from < rows.length; from += MAX_ROWS) {
    ids.push(...(await insertUnlessPending(ex, rows.slice(from, from + MAX_ROWS))));
  }
  if (ids.some((id, i) => id === rows[i]!.id)) wokeSchedulers(ex);
  return ids;
}

type Row = Insertable<JobsTable> & { id: string };

/** Rows per INSERT, well under SQLite's 32,766 bound parameters. */
const MAX_ROWS = 1_000;

// On PostgreSQL the insert itself notifies every scheduler process: `pg_notify` in RETURNING runs
// only for a row actually inserted and, like NOTIFY, is delivered at commit (never for a rollback),
// without a round trip of its own.
const notifyColumn = sql<string>`pg_notify(${JOBS_CHANNEL}, '')`.as('notified');

// The dedupe index covers pending rows only, so the conflict target names the same predicate; a row
// without a key never conflicts. A row that collided answers the pending job's id, read back; that
// job may be claimed before we read it, and then the row is inserted again (bounded).
async function insertUnlessPending(ex: Executor, rows: Row[]): Promise<string[]> {
  const idOf = new Map<string, string>();
  let waiting = rows;
  for (let tries = 0; tries < 3 && waiting.length > 0; tries++) {
    const query = ex
      .insertInto('jobs')
      .values(waiting)
      .onConflict((oc) => oc.column('dedupe_key').where(sql.ref('status'), '=', sql.lit('pending')).doNothing())
      .returning('id');
    const inserted = await (isPostgres(ex) ? query.returning(notifyColumn) : query).execute();
    for (const { id } of inserted) idOf.set(id, id);
    const collided = waiting.filter((row) => !idOf.has(row.id));
    waiting = [];
    if (collided.length === 0) break;
    const pending = await ex
      .selectFrom('jobs')
      .select(['id', 'dedupe_key'])
      .where('dedupe_key', 'in', [...new Set(collided.map((row) => row.dedupe_key!))])
      .where('status', '=', 'pending')
      .execute();
    const pendingByKey = new Map(pending.map((job) => [job.dedupe_key, job.id]));
    for (const row of collided) {
      const existing = pendingByKey.get(row.dedupe_key!);
      if (existing) idOf.set(row.id, existing);
      else waiting.push(row);
    }
  }
  if (waiting.length > 0) {
    throw new Error(`enqueueJob: could not insert or find the pending job with dedupe key "${waiting[0]!.dedupe_key}"`);
  }
  return rows.map((row) => idOf.get(row.id)!);
}

const isPostgres = (ex: Executor) => ex.getExecutor().adapter instanceof PostgresAdapter;

// Inside `transact` this process's schedulers are woken after the commit; elsewhere the local
// signal wakes them at once: on SQLite their next query waits for this transaction anyway, and on
// PostgreSQL the notification follows at commit.
function wokeSchedulers(ex: Executor): void {
  if (!wakesAfterCommit(ex)) signalJobsChanged();
}

/** Cancels the pending jobs with these dedupe keys (e.g. a reminder made moot by an update). */
export async function cancelJob(ex: Executor, dedupeKey: string | readonly string[]): Promise<void> {
  const keys = typeof dedupeKey === 'string' ? [dedupeKey] : dedupeKey;
  if (keys.length === 0) return;
  await ex.deleteFrom('jobs').where('dedupe_key', 'in', keys).where('status', '=', 'pending').execute();
}
