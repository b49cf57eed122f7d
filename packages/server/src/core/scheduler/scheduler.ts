import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import type { PgListener } from '../db/pg-listener.js';
import type { Logger } from '../logger.js';
import { type BackoffOptions, DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { writeStatement } from './group-commit.js';
import type { Job, JobHandler, JobRun } from './jobs.model.js';
import {
  type Claim,
  claimDueJobs,
  deleteFinishedJob,
  extendLease,
  type JobRow,
  nextWakeAt,
  parkDeadJob,
  releaseJob,
  retryJob,
} from './jobs.repo.js';
import { listenForJobs, onJobsChanged } from './wakeup.js';

export type SchedulerOptions = {
  ctx: AppContext;
  /** Written to `locked_by`; unique per process. Defaults to host:pid:random. */
  workerId?: string;
  /** Handlers by job kind, usually every `DomainModule.jobs` merged. */
  handlers: Record<string, JobHandler>;
  /** Handlers doing their own work (database, CPU) at once in this process. Default 4. */
  concurrency?: number;
  /**
   * Handlers waiting on another service (`JobRun.outside`) at once, beyond `concurrency`: those
   * waits hold no slot, and this bounds sockets and memory. Default 512.
   */
  maxWaitingOutside?: number;
  /** How long a claim holds before another process may take the job over. Renewed while the handler runs. Default 60 s. */
  leaseMs?: number;
  /** Longest sleep between looks at the table; only a safety net, wake-ups do the real work. Default 5 s. */
  pollMs?: number;
  /** PostgreSQL URL for the LISTEN connection; defaults to `ctx.config.databaseUrl`. */
  databaseUrl?: string;
  backoff?: BackoffOptions;
};

type State = 'stopped' | 'running' | 'stopping';

/** Shortest sleep after finding due jobs it could not claim (another process holds their row locks). */
const CONTENDED_RETRY_MS = 50;
const DEFAULT_MAX_WAITING_OUTSIDE = 512;
const WOKEN = 'woken';
const MAX_ERROR_LENGTH = 4_000;

/**
 * Runs due jobs from the durable jobs table. Any number of schedulers (in any number of processes on
 * PostgreSQL) may run at once: each job is leased to one of them at a time. See README.md.
 *
 * @example
 * const scheduler = new Scheduler({ ctx, handlers: { 'incident-update-reminder': remind } });
 * scheduler.start();
 * // … on shutdown:
 * await scheduler.stop();
 */
export class Scheduler {
  readonly workerId: string;
  private readonly ctx: AppContext;
  private readonly handlers: Record<string, JobHandler>;
  private readonly concurrency: number;
  private readonly maxWaitingOutside: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly databaseUrl: string | undefined;
  private readonly backoff: BackoffOptions;
  private readonly log: Logger;

  private state: State = 'stopped';
  private loopDone: Promise<void> | null = null;
  private sleepAbort = new AbortController();
  private wakeRequested = false;
  private sleeping = false;
  /** Every job this worker holds, including those waiting outside. */
  private readonly active = new Set<Promise<void>>();
  private waitingOutside = 0;
  private idleWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;
  private listener: PgListener | null = null;
  private listenerStarted: Promise<void> = Promise.resolve();

  constructor(options: SchedulerOptions) {
    this.ctx = options.ctx;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.handlers = options.handlers;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxWaitingOutside = Math.max(0, options.maxWaitingOutside ?? DEFAULT_MAX_WAITING_OUTSIDE);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.databaseUrl = options.databaseUrl ?? options.ctx.config.databaseUrl;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.ctx.log.child({ component: 'scheduler', workerId: this.workerId });
  }

  /** Starts claiming and running due jobs in the background. */
  start(): void {
    if (this.state !== 'stopped') throw new Error(`Scheduler.start: the scheduler is ${this.state}`);
    this.state = 'running';
    this.unsubscribe = onJobsChanged(() => this.wake());
    if (this.ctx.dialect === 'postgres') {
      if (this.databaseUrl && /^postgres(ql)?:/.test(this.databaseUrl)) {
        this.listener = listenForJobs(this.databaseUrl, () => this.wake(), this.log);
        this.listenerStarted = this.listener.start();
      } else {
        this.log.warn('no PostgreSQL URL for LISTEN: jobs enqueued by other processes wait for the next poll');
      }
    }
    this.loopDone = this.loop();
  }

  /**
   * Stops claiming, waits for running handlers to finish and hands back jobs it had claimed but not
   * started, so nothing is lost and nothing waits for a lease to expire.
   */
  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopping';
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.sleepAbort.abort();
    await this.loopDone;
    // Ending a client that is still connecting can leave it (and this stop) hanging: let the first
    // attempt settle, which it does once connected or refused.
    await this.listenerStarted;
    await this.listener?.stop();
    this.listener = null;
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
    this.state = 'stopped';
    this.loopDone = null;
    this.resolveIdleWaiters();
  }

  /** Makes the scheduler look at the table now (something was enqueued or a slot freed up). */
  wake(): void {
    this.wakeRequested = true;
    // Awake, the loop sees the flag before it next sleeps. A plain reason: the default one is a
    // DOMException with a stack trace, and every enqueue and finished job wakes the scheduler.
    if (this.sleeping) this.sleepAbort.abort(WOKEN);
  }

  /**
   * Claims and runs every job due now, batch after batch, until none is left; returns how many it
   * took. Independent of `start()`; mostly for tests and one-off commands.
   */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.claim(this.concurrency);
      if (rows.length === 0) return total;
      await Promise.all(rows.map((row) => this.track(row)));
      total += rows.length;
    }
  }

  /**
   * Resolves once nothing runs and the scheduler sleeps until its next due time (or is stopped).
   * Tests await it after moving a FakeClock, instead of sleeping.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async loop(): Promise<void> {
    while (this.state === 'running') {
      // Handlers that finished in this turn free their slots first, so one claim takes them all.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.state !== 'running') break;
      this.wakeRequested = false;
      let delay = this.pollMs;
      try {
        const capacity = this.capacity();
        let claimed = 0;
        if (capacity > 0) {
          const rows = await this.claim(capacity);
          if (this.state !== 'running') {
            await this.release(rows);
            break;
          }
          for (const row of rows) void this.track(row);
          claimed = rows.length;
        }
        // At capacity, a finishing handler (or one starting to wait outside) wakes us. A full
        // batch may have left more due jobs behind: look again at once. Otherwise sleep until the
        // next job is due.
        if (this.capacity() > 0) {
          if (claimed > 0 && claimed === capacity) delay = 0;
          else {
            const next = await nextWakeAt(this.ctx.db, this.workerId);
            if (next !== null) {
              const untilDue = next - this.ctx.clock.now();
              // Due yet unclaimed means another process holds those rows right now: back off briefly.
              const floor = claimed > 0 ? 0 : CONTENDED_RETRY_MS;
              delay = Math.min(this.pollMs, untilDue > 0 ? untilDue : floor);
            }
          }
        }
      } catch (err) {
        this.log.error({ err }, 'scheduler cannot read the jobs table; retrying');
      }
      if (this.state !== 'running') break;
      if (delay > 0) await this.sleep(delay);
    }
  }

  /** Jobs it may claim now: free slots, within the bound on jobs held in all. */
  private capacity(): number {
    const inSlots = this.active.size - this.waitingOutside;
    const held = this.concurrency + this.maxWaitingOutside - this.active.size;
    return Math.max(0, Math.min(this.concurrency - inSlots, held));
  }

  private async sleep(ms: number): Promise<void> {
    this.sleepAbort = new AbortController();
    if (this.wakeRequested || this.state !== 'running') return;
    this.sleeping = true;
    this.resolveIdleWaiters();
    await this.ctx.clock.sleep(ms, this.sleepAbort.signal);
    this.sleeping = false;
  }

  private claim(limit: number): Promise<JobRow[]> {
    const options = { workerId: this.workerId, now: this.ctx.clock.now(), leaseMs: this.leaseMs, limit };
    return writeStatement(this.ctx, (ex) => claimDueJobs(ex, this.ctx.dialect, options));
  }

  private async release(rows: JobRow[]): Promise<void> {
    for (const row of rows) {
      await writeStatement(this.ctx, (ex) => releaseJob(ex, this.claimOf(row))).catch((err) =>
        this.log.warn({ err, jobId: row.id }, 'could not release a claimed job; it runs when its lease expires'),
      );
    }
  }

  private track(row: JobRow): Promise<void> {
    const run = this.execute(row).catch((err) =>
      this.log.error({ err, jobId: row.id, kind: row.kind }, 'could not record the outcome of a job'),
    );
    this.active.add(run);
    void run.then(() => {
      this.active.delete(run);
      if (this.state === 'running') this.wake();
      else this.resolveIdleWaiters();
    });
    return run;
  }

  private async execute(row: JobRow): Promise<void> {
    const claim = this.claimOf(row);
    const handler = Object.hasOwn(this.handlers, row.kind) ? this.handlers[row.kind] : undefined;
    if (!handler) {
      await this.bury(claim, row, `No handler for job kind "${row.kind}" in this process; it was parked dead.`);
      return;
    }
    if (row.attempts > row.max_attempts) {
      const last = row.last_error ? ` Last error: ${row.last_error}` : '';
      await this.bury(claim, row, `Its last attempt's worker stopped renewing the lease (crashed?).${last}`);
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch (err) {
      await this.bury(claim, row, `Payload is not JSON: ${describeError(err)}`);
      return;
    }
    const job: Job = {
      id: row.id,
      kind: row.kind,
      payload,
      runAt: row.run_at,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
    };
    let finished = false;
    const run: JobRun = {
      outside: (wait) => this.outside(wait),
      finish: async (trx) => {
        if (!(await deleteFinishedJob(trx, claim))) throw new LeaseLost(row);
        finished = true;
      },
    };
    const stopRenewing = this.keepLease(claim);
    try {
      await handler(job, this.ctx, run);
    } catch (err) {
      stopRenewing();
      await this.fail(claim, row, describeError(err));
      return;
    }
    stopRenewing();
    if (finished) return;
    if (!(await writeStatement(this.ctx, (ex) => deleteFinishedJob(ex, claim)))) {
      this.log.warn({ jobId: row.id, kind: row.kind }, 'job finished after its lease had passed on; it may run again');
    }
  }

  private async outside<T>(wait: () => Promise<T>): Promise<T> {
    this.waitingOutside++;
    if (this.state === 'running') this.wake();
    try {
      return await wait();
    } finally {
      this.waitingOutside--;
    }
  }

  private async fail(claim: Claim, row: JobRow, error: string): Promise<void> {
    if (row.attempts >= row.max_attempts) {
      await this.bury(claim, row, error);
      return;
    }
    const runAt = this.ctx.clock.now() + retryDelayMs(row.attempts, this.backoff);
    if (await writeStatement(this.ctx, (ex) => retryJob(ex, claim, { runAt, error }))) {
      this.log.warn({ jobId: row.id, kind: row.kind, attempts: row.attempts, runAt, error }, 'job failed; will retry');
    } else {
      this.log.warn({ jobId: row.id, kind: row.kind, error }, 'job failed after it finished or lost its lease');
    }
  }

  private async bury(claim: Claim, row: JobRow, error: string): Promise<void> {
    this.log.error({ jobId: row.id, kind: row.kind, attempts: row.attempts, error }, 'job is dead');
    await writeStatement(this.ctx, (ex) => parkDeadJob(ex, claim, { error, now: this.ctx.clock.now() }));
  }

  /** Renews the lease every third of its length while the handler runs; returns the stop function. */
  private keepLease(claim: Claim): () => void {
    const done = new AbortController();
    const renew = async () => {
      while (!done.signal.aborted) {
        await this.ctx.clock.sleep(this.leaseMs / 3, done.signal);
        if (done.signal.aborted) return;
        try {
          const until = this.ctx.clock.now() + this.leaseMs;
          if (!(await writeStatement(this.ctx, (ex) => extendLease(ex, claim, until)))) {
            this.log.warn({ jobId: claim.id }, 'lost the lease of a running job; another worker may run it too');
            return;
          }
        } catch (err) {
          this.log.warn({ err, jobId: claim.id }, 'could not renew a job lease');
        }
      }
    };
    void renew();
    return () => done.abort();
  }

  private claimOf(row: JobRow): Claim {
    return { id: row.id, workerId: this.workerId, attempts: row.attempts };
  }

  private isIdle(): boolean {
    const waiting = this.state !== 'running' || (this.sleeping && !this.wakeRequested);
    return waiting && this.active.size === 0;
  }

  private resolveIdleWaiters(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** `JobRun.finish` found the job no longer held by this worker: the handler's transaction must not commit. */
class LeaseLost extends Error {
  constructor(row: JobRow) {
    super(`job ${row.id} (${row.kind}) passed to another worker before it finished here`);
    this.name = 'LeaseLost';
  }
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
