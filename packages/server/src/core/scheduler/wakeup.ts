import pg from 'pg';
import { systemClock } from '../clock.js';
import type { Logger } from '../logger.js';

/** PostgreSQL channel on which `enqueueJob` notifies every scheduler process. */
export const JOBS_CHANNEL = 'firebreak_jobs';

type Listener = () => void;
const localListeners = new Set<Listener>();

/**
 * Tells the schedulers of this process that the jobs table changed. Waking early is always safe:
 * a woken scheduler only re-reads the table.
 */
export function signalJobsChanged(): void {
  for (const listener of localListeners) listener();
}

/** Subscribes to `signalJobsChanged`; returns the unsubscribe function. */
export function onJobsChanged(listener: Listener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/**
 * Holds one dedicated connection that LISTENs on `firebreak_jobs`, so an enqueue committed by any
 * process wakes this one at once. Pooled connections cannot LISTEN (they are handed to other queries),
 * hence a client of its own. It reconnects with capped backoff when the connection drops and calls
 * `onWake` after every (re)connect, because notifications sent while it was away are lost.
 *
 * @example
 * const listener = new JobsListener(url, () => scheduler.wake(), log);
 * listener.start();
 * await listener.stop();
 */
export class JobsListener {
  private client: pg.Client | null = null;
  private readonly stopped = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly onWake: () => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.client?.end().catch(() => {});
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      const client = new pg.Client({
        connectionString: this.connectionString,
        application_name: 'firebreak-scheduler-listener',
        keepAlive: true,
      });
      this.client = client;
      const closed = new Promise<unknown>((resolve) => {
        client.once('end', resolve);
        client.on('error', resolve);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${JOBS_CHANNEL}`);
        if (failures > 0) this.log.info('scheduler listener reconnected');
        failures = 0;
        client.on('notification', this.onWake);
        this.onWake();
        const reason = await closed;
        if (!this.stopped.signal.aborted) this.log.warn({ err: reason }, 'scheduler listener connection lost');
      } catch (err) {
        if (!this.stopped.signal.aborted) this.log.warn({ err }, 'scheduler listener cannot connect');
      }
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      if (this.stopped.signal.aborted) break;
      failures++;
      // Real time, not the injected clock: reconnecting is about the network, not about job due times.
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(failures - 1, 10));
      await systemClock.sleep(delay, this.stopped.signal);
    }
    this.client = null;
  }
}
