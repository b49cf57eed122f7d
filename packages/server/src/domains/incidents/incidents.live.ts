import { sql } from 'kysely';
import pg from 'pg';
import { systemClock } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import './incidents.model.js';

/** PostgreSQL channel carrying the id of every incident that changed. */
export const INCIDENTS_CHANNEL = 'firebreak_incidents';

/**
 * Inside the transaction of a change: on PostgreSQL a NOTIFY with the incident id, delivered to
 * every process at commit (never on rollback; duplicates within one transaction fold into one).
 * Listeners re-read the incident, so the payload needs nothing else.
 */
export async function notifyIncidentChanged(ex: Executor, ctx: Pick<AppContext, 'dialect'>, incidentId: string) {
  if (ctx.dialect === 'postgres') await sql`select pg_notify(${INCIDENTS_CHANNEL}, ${incidentId})`.execute(ex);
}

type Listener = (incidentId: string) => void;

/**
 * Fans "incident X changed" out to the live streams of this process. On SQLite (one process) it
 * follows the in-process event bus; on PostgreSQL it LISTENs on a dedicated connection, so a change
 * made by any process reaches every process's streams exactly once.
 */
export class IncidentHub {
  private listeners = new Set<Listener>();
  private unsubscribeLocal: (() => void) | null = null;
  private client: pg.Client | null = null;
  private readonly stopped = new AbortController();
  private running: Promise<void> | null = null;
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  /** Starts following changes; resolves once LISTEN is in place (PostgreSQL), so no change is missed after. */
  start(): Promise<void> {
    const url = this.ctx.config.databaseUrl;
    if (this.ctx.dialect === 'postgres' && url && /^postgres(ql)?:/.test(url)) {
      let markReady!: () => void;
      this.ready = new Promise((resolve) => {
        markReady = resolve;
      });
      this.running ??= this.listen(url, markReady);
      return this.ready;
    }
    this.unsubscribeLocal ??= this.ctx.events.on('incident.changed', ({ incidentId }) => this.publish(incidentId));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.unsubscribeLocal?.();
    this.unsubscribeLocal = null;
    this.stopped.abort();
    await this.client?.end().catch(() => {});
    await this.running;
    this.listeners.clear();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(incidentId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(incidentId);
      } catch (err) {
        this.ctx.log.warn({ err, incidentId }, 'live incident listener failed');
      }
    }
  }

  private async listen(url: string, markReady: () => void): Promise<void> {
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      const client = new pg.Client({ connectionString: url, application_name: 'firebreak-incidents-live' });
      this.client = client;
      const closed = new Promise<unknown>((resolve) => {
        client.once('end', resolve);
        client.on('error', resolve);
      });
      try {
        await client.connect();
        client.on('notification', (msg) => {
          if (msg.channel === INCIDENTS_CHANNEL && msg.payload) this.publish(msg.payload);
        });
        await client.query(`LISTEN ${INCIDENTS_CHANNEL}`);
        failures = 0;
        markReady();
        const reason = await closed;
        if (!this.stopped.signal.aborted)
          this.ctx.log.warn({ err: reason }, 'live incident listener lost its connection');
      } catch (err) {
        if (!this.stopped.signal.aborted) this.ctx.log.warn({ err }, 'live incident listener cannot connect');
        markReady();
      }
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      if (this.stopped.signal.aborted) break;
      failures++;
      // Real time: reconnecting is about the network, not about incident time.
      await systemClock.sleep(Math.min(10_000, 250 * 2 ** Math.min(failures - 1, 6)), this.stopped.signal);
    }
  }
}
