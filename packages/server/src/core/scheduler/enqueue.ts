import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';
import './jobs.model.js';

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
  const id = newId();
  const row = {
    id,
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? {}),
    run_at: job.runAt ?? clock.now(),
    priority: job.priority ?? 0,
    max_attempts: job.maxAttempts ?? 10,
    dedupe_key: job.dedupeKey ?? null,
    last_error: null,
    locked_by: null,
    locked_until: null,
    created_at: clock.now(),
    finished_at: null,
  };
  const query = ex.insertInto('jobs').values(row);
  if (job.dedupeKey) {
    const inserted = await query
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id ?? (await existingId(ex, job.dedupeKey));
  }
  await query.execute();
  return id;
}

async function existingId(ex: Executor, dedupeKey: string): Promise<string> {
  const row = await ex.selectFrom('jobs').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
  return row.id;
}

/** Cancels pending jobs of a kind with a dedupe key (e.g. a reminder made moot by an update). */
export async function cancelJob(ex: Executor, dedupeKey: string): Promise<void> {
  await ex.deleteFrom('jobs').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
}
