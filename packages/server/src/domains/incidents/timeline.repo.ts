import type { Insertable } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import { badRequest } from '../../core/errors.js';
import type { TimelineEntriesTable, TimelineRow } from './incidents.model.js';

export const insertTimelineEntry = (ex: Executor, row: Insertable<TimelineEntriesTable>) =>
  ex.insertInto('timeline_entries').values(row).execute();

export const getTimelineEntry = (ex: Executor, incidentId: string, id: string) =>
  ex
    .selectFrom('timeline_entries')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();

export const setEntryPinned = (ex: Executor, id: string, pinned: boolean) =>
  ex
    .updateTable('timeline_entries')
    .set({ pinned: pinned ? 1 : 0 })
    .where('id', '=', id)
    .execute();

/** Retracts an entry (kept, hidden by default); false when it was retracted already. */
export async function markEntryRetracted(
  ex: Executor,
  id: string,
  retraction: { at: number; by: string | null; reason: string | null },
): Promise<boolean> {
  const result = await ex
    .updateTable('timeline_entries')
    .set({ retracted_at: retraction.at, retracted_by: retraction.by, retraction_reason: retraction.reason })
    .where('id', '=', id)
    .where('retracted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type TimelinePage = {
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
  kinds?: string[] | undefined;
  pinned?: boolean | undefined;
  /** Retracted entries are left out unless asked for (audit views). */
  includeRetracted?: boolean | undefined;
};

// The cursor is "happenedAt.id" of the last entry shown: (happened_at, id) is unique and indexed.
const encodeCursor = (row: TimelineRow) => `${row.happened_at}.${row.id}`;
function decodeCursor(cursor: string): { at: number; id: string } {
  const dot = cursor.indexOf('.');
  const at = Number(cursor.slice(0, dot));
  const id = cursor.slice(dot + 1);
  if (dot < 1 || !Number.isSafeInteger(at) || !id)
    throw badRequest('invalid_cursor', 'The cursor is not one this list returned.');
  return { at, id };
}

/** Keyset page of an incident's timeline, newest or oldest first. */
export async function listTimelineRows(
  ex: Executor,
  incidentId: string,
  page: TimelinePage,
): Promise<{ rows: TimelineRow[]; nextCursor: string | null }> {
  const cmp = page.order === 'desc' ? '<' : '>';
  let q = ex.selectFrom('timeline_entries').selectAll().where('incident_id', '=', incidentId);
  if (page.kinds?.length) q = q.where('kind', 'in', page.kinds);
  if (page.pinned !== undefined) q = q.where('pinned', '=', page.pinned ? 1 : 0);
  if (!page.includeRetracted) q = q.where('retracted_at', 'is', null);
  if (page.cursor) {
    const { at, id } = decodeCursor(page.cursor);
    q = q.where((eb) => eb.or([eb('happened_at', cmp, at), eb.and([eb('happened_at', '=', at), eb('id', cmp, id)])]));
  }
  const rows = await q
    .orderBy('happened_at', page.order)
    .orderBy('id', page.order)
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { rows: items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
}
