import type { Generated } from 'kysely';
import type { Executor } from '../db/database.js';

export type JobStatus = 'pending' | 'running' | 'dead';

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON text. */
  payload: Generated<string>;
  run_at: number;
  /** Higher runs first among due jobs: high-urgency pages never wait behind low-urgency work. */
  priority: Generated<number>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  /** At most one pending job per key: enqueueing again with the same key is a no-op. */
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: number | null;
  created_at: number;
  finished_at: number | null;
}

declare module '../db/database.js' {
  interface Tables {
    jobs: JobsTable;
  }
}

/** A job as a handler sees it. */
export type Job<P = unknown> = {
  id: string;
  kind: string;
  payload: P;
  runAt: number;
  attempts: number;
  maxAttempts: number;
};

/**
 * What the scheduler lends a running handler besides the job. A handler called outside a
 * scheduler (a test, a one-off command) gets `RUN_ALONE`.
 */
export type JobRun = {
  /**
   * Awaits `wait` (a call to another service, no database work) without holding one of the
   * scheduler's concurrency slots: a slow or unreachable peer then delays only its own job, while
   * the freed slot claims the next one. The lease is still renewed meanwhile.
   */
  outside<T>(wait: () => Promise<T>): Promise<T>;
  /**
   * Deletes the job's row inside `trx`, the handler's own transaction, so the handler's writes and
   * the end of the job commit together: a crash can no longer fall between them, and it saves the
   * scheduler a write. Throws when the lease has passed to another worker, which rolls `trx` back.
   * Call it in the transaction whose commit means the job is done.
   */
  finish(trx: Executor): Promise<void>;
};

/** For a handler run without a scheduler: waits in place, and there is no job row to delete. */
export const RUN_ALONE: JobRun = {
  outside: (wait) => wait(),
  finish: async () => {},
};

/**
 * Runs one job. Throwing retries it with exponential backoff until `maxAttempts`, then parks it as dead.
 * Handlers must be idempotent where they touch the outside world: a crash after the work
 * but before the job is marked done runs it again.
 */
export type JobHandler<P = any> = (job: Job<P>, ctx: import('../context.js').AppContext, run?: JobRun) => Promise<void>;
