import { formatIncidentNumber, type Role } from '@firebreak/shared';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../core/context.js';
import type { Tables } from '../../../core/db/database.js';
import type { DomainEvents, EventName } from '../../../core/events.js';
import { newId } from '../../../core/ids.js';
import { notifyIncidentChanged } from '../incidents.live.js';
import type { IncidentRow, IncidentsTable } from '../incidents.model.js';
import { requireRole, requireVisible, type Viewer } from '../incidents.policy.js';
import { findIncidentByRef, updateIncidentRow } from '../incidents.repo.js';
import { indexIncidentDocument } from '../search.repo.js';
import { insertTimelineEntry } from '../timeline.repo.js';

export type NewEntry = {
  kind: string;
  text: string;
  before?: unknown;
  after?: unknown;
  data?: Record<string, unknown>;
  /** Defaults to now; earlier for things recorded after the fact. */
  happenedAt?: number;
  /** Defaults to the person making the change; null for the system. */
  actorId?: string | null;
};

/** What a change to one incident gets to work with, all inside one transaction. */
export type Change = {
  trx: Transaction<Tables>;
  ctx: AppContext;
  /** The incident as it was when the change started (locked on PostgreSQL). */
  before: IncidentRow;
  /** The incident with the changes `set` so far. */
  readonly incident: IncidentRow;
  by: Viewer | null;
  now: number;
  /** Changes columns of the incident; written with a version bump when the change commits. */
  set(changes: Partial<Omit<IncidentsTable, 'id' | 'version'>>): void;
  /** Writes a timeline entry in this transaction: an entry exists if and only if the change committed. */
  record(entry: NewEntry): Promise<string>;
  /** Queues an event, emitted only after commit. */
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
  /** Marks another incident as changed too (merges touch two). */
  touch(other: IncidentRow): Promise<void>;
};

/** Writes a timeline entry for `incidentId` (used by changes and by creation). */
export async function writeEntry(
  trx: Transaction<Tables>,
  incidentId: string,
  now: number,
  actorId: string | null,
  entry: NewEntry,
): Promise<string> {
  const id = newId();
  await insertTimelineEntry(trx, {
    id,
    incident_id: incidentId,
    kind: entry.kind,
    actor_id: entry.actorId === undefined ? actorId : entry.actorId,
    text: entry.text,
    before_value: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_value: entry.after === undefined ? null : JSON.stringify(entry.after),
    data: JSON.stringify(entry.data ?? {}),
    happened_at: entry.happenedAt ?? now,
    recorded_at: now,
    pinned: 0,
  });
  return id;
}

/** The text search sees of an incident: everything a person would describe it by. */
export function searchDocumentOf(row: IncidentRow) {
  const body = [row.summary, row.impact, row.report_customer, row.report_observed].filter(Boolean).join('\n');
  return { incidentId: row.id, source: 'incident', title: row.title, body };
}

const SEARCHED: (keyof IncidentsTable)[] = ['title', 'summary', 'impact', 'report_customer', 'report_observed'];

/**
 * Runs one change to one incident: loads and locks it (404 when missing or not visible to `by`),
 * lets `apply` write rows and timeline entries, bumps the version when the incident row changed,
 * re-indexes it for search, NOTIFYs other processes, commits, and only then emits the events.
 *
 * @example
 * await changeIncident(ctx, viewer, 'INC-42', async (c) => {
 *   c.set({ status: 'identified' });
 *   await c.record({ kind: 'status_changed', text: 'Status: investigating → identified' });
 * });
 */
export async function changeIncident<T>(
  ctx: AppContext,
  by: Viewer | null,
  ref: string,
  apply: (change: Change) => Promise<T>,
  options: { role?: Role; action?: string } = {},
): Promise<T> {
  if (by && options.role) requireRole(by, options.role, options.action ?? 'change incidents');
  const events: [EventName, unknown][] = [];
  const changed = new Set<string>();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await requireVisible(trx, await findIncidentByRef(trx, ref, { lock: ctx.dialect }), by, ref);
    const now = ctx.clock.now();
    let patch: Partial<IncidentsTable> = {};
    const change: Change = {
      trx,
      ctx,
      before,
      get incident() {
        return { ...before, ...patch } as IncidentRow;
      },
      by,
      now,
      set(changes) {
        patch = { ...patch, ...changes };
      },
      record: (entry) => writeEntry(trx, before.id, now, by?.userId ?? null, entry),
      emit(name, payload) {
        events.push([name, payload]);
      },
      async touch(other) {
        await updateIncidentRow(trx, other.id, { version: other.version + 1, updated_at: now });
        await notifyIncidentChanged(trx, ctx, other.id);
        changed.add(other.id);
      },
    };
    const value = await apply(change);
    if (Object.keys(patch).length > 0) {
      await updateIncidentRow(trx, before.id, { ...patch, version: before.version + 1, updated_at: now });
      if (SEARCHED.some((k) => k in patch)) await indexIncidentDocument(trx, searchDocumentOf(change.incident));
    }
    await notifyIncidentChanged(trx, ctx, before.id);
    changed.add(before.id);
    return value;
  });
  for (const [name, payload] of events) ctx.events.emit(name, payload as never);
  for (const incidentId of changed) ctx.events.emit('incident.changed', { incidentId });
  return result;
}

export const incidentLabel = (row: IncidentRow) => formatIncidentNumber(row.number);
