import pg from 'pg';
import { systemClock } from '../clock.js';
import type { Logger } from '../logger.js';

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

export type PgListenerOptions = {
  connectionString: string;
  /** Channels to LISTEN on; names are ours, never user input. */
  channels: string[];
  onNotification: (channel: string, payload: string) => void;
  /**
   * Called after every (re)connect, once LISTEN is in place: notifications sent while the
   * connection was down are lost, so the owner re-reads whatever it follows.
   */
  onConnected?: () => void;
  log: Logger;
  /** Shown in pg_stat_activity and in log lines. */
  name: string;
};

/**
 * One dedicated PostgreSQL connection that LISTENs on some channels, reconnecting with capped
 * backoff when it drops. Pooled connections cannot LISTEN (they are handed to other queries),
 * hence a client of its own.
 *
 * @example
 * const listener = new PgListener({ connectionString, channels: ['firebreak_jobs'], onNotification: wake, log, name: 'scheduler' });
 * await listener.start(); // resolves once LISTEN is in place (or the first attempt failed)
 * await listener.stop();
 */
export class PgListener {
  private client: pg.Client | null = null;
  private readonly stopped = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: PgListenerOptions) {}

  start(): Promise<void> {
    return new Promise((firstAttemptDone) => {
      this.running ??= this.run(firstAttemptDone);
    });
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.client?.end().catch(() => {});
    await this.running;
  }

  private async run(firstAttemptDone: () => void): Promise<void> {
    const { connectionString, channels, onNotification, onConnected, log, name } = this.options;
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      const client = new pg.Client({ connectionString, application_name: `firebreak-${name}`, keepAlive: true });
      this.client = client;
      // Every client error resolves this instead of throwing: an unhandled 'error' would crash the process.
      const closed = new Promise<unknown>((resolve) => {
        client.once('end', resolve);
        client.on('error', resolve);
      });
      try {
        await client.connect();
        client.on('notification', (msg) => onNotification(msg.channel, msg.payload ?? ''));
        for (const channel of channels) await client.query(`LISTEN ${channel}`);
        if (failures > 0) log.info({ listener: name }, 'listener reconnected');
        failures = 0;
        firstAttemptDone();
        onConnected?.();
        const reason = await closed;
        if (!this.stopped.signal.aborted) log.warn({ err: reason, listener: name }, 'listener connection lost');
      } catch (err) {
        if (!this.stopped.signal.aborted) log.warn({ err, listener: name }, 'listener cannot connect');
        firstAttemptDone();
      }
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      if (this.stopped.signal.aborted) break;
      failures++;
      // Real time, not the injected clock: reconnecting is about the network, not about domain time.
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** Math.min(failures - 1, 10));
      await systemClock.sleep(delay, this.stopped.signal);
    }
    this.client = null;
  }
}
