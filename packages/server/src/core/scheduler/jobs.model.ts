import type { Generated } from 'kysely';

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
 * Runs one job. Throwing retries it with exponential backoff until `maxAttempts`, then parks it as dead.
 * Handlers must be idempotent where they touch the outside world: a crash after the work
 * but before the job is marked done runs it again.
 */
export type JobHandler<P = any> = (job: Job<P>, ctx: import('../context.js').AppContext) => Promise<void>;
