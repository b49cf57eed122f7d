import pg from 'pg';
import { systemClock } from '../../../core/clock.js';
import type { Logger } from '../../../core/logger.js';

/**
 * LISTENs on some PostgreSQL channels over a connection of its own (a pooled one is handed to other
 * queries), reconnecting with capped backoff. `onNotify` runs for every notification and after
 * every (re)connect, since notifications sent while it was away are lost.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private readonly stopped = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly channels: string[],
    private readonly onNotify: (channel: string, payload: string | undefined) => void,
    private readonly log: Logger,
  ) {}

  /** Resolves once listening (or after the first failed attempt, which keeps retrying). */
  start(): Promise<void> {
    let ready!: () => void;
    const listening = new Promise<void>((resolve) => {
      ready = resolve;
    });
    this.running ??= this.run(ready);
    return listening;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.client?.end().catch(() => {});
    await this.running;
  }

  private async run(ready: () => void): Promise<void> {
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      const client = new pg.Client({ connectionString: this.url, application_name: 'firebreak-statuspage' });
      this.client = client;
      const closed = new Promise<unknown>((resolve) => {
        client.once('end', resolve);
        client.on('error', resolve);
      });
      try {
        await client.connect();
        client.on('notification', (msg) => this.onNotify(msg.channel, msg.payload));
        for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
        failures = 0;
        this.onNotify('', undefined);
        ready();
        const reason = await closed;
        if (!this.stopped.signal.aborted) this.log.warn({ err: reason }, 'status page listener lost its connection');
      } catch (err) {
        if (!this.stopped.signal.aborted) this.log.warn({ err }, 'status page listener cannot connect');
        ready();
      }
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      if (this.stopped.signal.aborted) break;
      failures++;
      // Real time: reconnecting is about the network, not about page time.
      await systemClock.sleep(Math.min(10_000, 250 * 2 ** Math.min(failures - 1, 6)), this.stopped.signal);
    }
  }
}
