import { sql } from 'kysely';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { PgListener } from '../../core/db/pg-listener.js';
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
  private listener: PgListener | null = null;

  constructor(private readonly ctx: AppContext) {}

  /** Starts following changes; resolves once LISTEN is in place (PostgreSQL), so no change is missed after. */
  start(): Promise<void> {
    const url = this.ctx.config.databaseUrl;
    if (this.ctx.dialect === 'postgres' && url && /^postgres(ql)?:/.test(url)) {
      this.listener ??= new PgListener({
        connectionString: url,
        channels: [INCIDENTS_CHANNEL],
        onNotification: (_channel, incidentId) => {
          if (incidentId) this.publish(incidentId);
        },
        log: this.ctx.log,
        name: 'incidents-live',
      });
      return this.listener.start();
    }
    this.unsubscribeLocal ??= this.ctx.events.on('incident.changed', ({ incidentId }) => this.publish(incidentId));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.unsubscribeLocal?.();
    this.unsubscribeLocal = null;
    await this.listener?.stop();
    this.listener = null;
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
}
