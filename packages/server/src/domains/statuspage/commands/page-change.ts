import type { ComponentChange, ComponentStatus } from '@firebreak/shared';
import { sql, type Transaction } from 'kysely';
import type { AppContext } from '../../../core/context.js';
import type { Tables } from '../../../core/db/database.js';
import type { DomainEvents, EventName } from '../../../core/events.js';
import { newId } from '../../../core/ids.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import { getComponentRows, recordStatusPeriod, updateComponentRow } from '../components.repo.js';
import { JOB_FANOUT, STATUSPAGE_CHANNEL } from '../statuspage.model.js';

/** What one change to the page works with, inside one transaction. */
export type PageChange = {
  trx: Transaction<Tables>;
  now: number;
  /** Queues an event, emitted only after commit. */
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
  /** Sets component statuses, writing their history; returns what actually changed. */
  setComponentStatuses(statuses: Map<string, ComponentStatus>): Promise<ComponentChange[]>;
  /** Tells subscribers about `subject` (`update:<id>` or `report:<id>`) once this commits. */
  notifySubscribers(subject: string): Promise<void>;
};

export type FanoutPayload = { subject: string };

/**
 * Runs one change to what the public page shows: one transaction, a NOTIFY so every process
 * rebuilds its snapshot (PostgreSQL, delivered at commit), then the events, after commit only.
 *
 * @example
 * await changePage(ctx, 'component updated', async (c) => {
 *   await c.setComponentStatuses(new Map([[componentId, 'major_outage']]));
 * });
 */
export async function changePage<T>(
  ctx: AppContext,
  reason: string,
  apply: (change: PageChange) => Promise<T>,
): Promise<T> {
  const events: [EventName, unknown][] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const change: PageChange = {
      trx,
      now,
      emit(name, payload) {
        events.push([name, payload]);
      },
      setComponentStatuses: (statuses) => setComponentStatuses(trx, now, statuses),
      async notifySubscribers(subject) {
        const payload: FanoutPayload = { subject };
        await enqueueJob(trx, ctx.clock, { kind: JOB_FANOUT, payload, dedupeKey: `${JOB_FANOUT}:${subject}` });
      },
    };
    const value = await apply(change);
    if (ctx.dialect === 'postgres') await sql`select pg_notify(${STATUSPAGE_CHANNEL}, ${reason})`.execute(trx);
    return value;
  });
  for (const [name, payload] of events) ctx.events.emit(name, payload as never);
  ctx.events.emit('statuspage.changed', { reason });
  return result;
}

async function setComponentStatuses(
  trx: Transaction<Tables>,
  now: number,
  statuses: Map<string, ComponentStatus>,
): Promise<ComponentChange[]> {
  const rows = await getComponentRows(trx, [...statuses.keys()]);
  const changes: ComponentChange[] = [];
  for (const row of rows) {
    const next = statuses.get(row.id)!;
    if (row.status === next) continue;
    await updateComponentRow(trx, row.id, { status: next, updated_at: now });
    await recordStatusPeriod(trx, row.id, next, now, newId());
    changes.push({ componentId: row.id, name: row.name, oldStatus: row.status, newStatus: next });
  }
  return changes;
}
