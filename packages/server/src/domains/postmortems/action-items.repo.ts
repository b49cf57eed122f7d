import { OPEN_ACTION_ITEM_STATUSES } from '@firebreak/shared';
import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import { badRequest } from '../../core/errors.js';
import type { ActionItemRow, ActionItemsTable } from './postmortems.model.js';

// Queries of action_items. Only this domain's commands write it.

const OPEN = [...OPEN_ACTION_ITEM_STATUSES];

export const insertActionItemRow = (ex: Executor, row: ActionItemsTable) =>
  ex.insertInto('action_items').values(row).execute();

export const getActionItemRow = (ex: Executor, id: string): Promise<ActionItemRow | undefined> =>
  ex.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();

/** Writes only if nobody changed the item since `expectedVersion` was read. */
export async function updateActionItemIfCurrent(
  ex: Executor,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<ActionItemsTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await ex
    .updateTable('action_items')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type ActionItemFilter = {
  statuses?: string[] | undefined;
  overdueAt?: number | undefined;
  ownerId?: string | undefined;
  teamIds?: string[] | undefined;
  incidentId?: string | undefined;
  postmortemId?: string | undefined;
};

/** Newest first; `visible` is a condition on `incidents` (private incidents stay private). */
export async function listActionItemRows(
  ex: Executor,
  filter: ActionItemFilter,
  visible: Expression<SqlBool>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ rows: ActionItemRow[]; nextCursor: string | null }> {
  let q = ex
    .selectFrom('action_items')
    .innerJoin('incidents', 'incidents.id', 'action_items.incident_id')
    .selectAll('action_items')
    .where(visible);
  if (filter.statuses?.length) q = q.where('action_items.status', 'in', filter.statuses as ActionItemRow['status'][]);
  if (filter.overdueAt !== undefined) {
    q = q.where('action_items.status', 'in', OPEN).where('action_items.due_at', '<=', filter.overdueAt);
  }
  if (filter.ownerId) q = q.where('action_items.owner_id', '=', filter.ownerId);
  if (filter.teamIds) {
    q = filter.teamIds.length
      ? q.where('action_items.team_id', 'in', filter.teamIds)
      : q.where('action_items.id', '=', '');
  }
  if (filter.incidentId) q = q.where('action_items.incident_id', '=', filter.incidentId);
  if (filter.postmortemId) q = q.where('action_items.postmortem_id', '=', filter.postmortemId);
  if (page.cursor) {
    if (!/^[\w-]{1,64}$/.test(page.cursor))
      throw badRequest('invalid_cursor', 'The cursor is not one this list returned.');
    q = q.where('action_items.id', '<', page.cursor);
  }
  const rows = await q
    .orderBy('action_items.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { rows: items, nextCursor: rows.length > page.limit && last ? last.id : null };
}

export const listActionItemsOfIncident = (ex: Executor, incidentId: string) =>
  ex
    .selectFrom('action_items')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Unfinished items past due, counted per owner and per team, with the oldest due time of each. */
export async function overdueCounts(ex: Executor, visible: Expression<SqlBool>, now: number) {
  const base = () =>
    ex
      .selectFrom('action_items')
      .innerJoin('incidents', 'incidents.id', 'action_items.incident_id')
      .where(visible)
      .where('action_items.status', 'in', OPEN)
      .where('action_items.due_at', '<=', now);
  const [byOwner, byTeam] = await Promise.all([
    base()
      .select((eb) => [
        'action_items.owner_id as key',
        eb.fn.countAll<number>().as('n'),
        eb.fn.min('action_items.due_at').as('oldest'),
      ])
      .groupBy('action_items.owner_id')
      .execute(),
    base()
      .select((eb) => [
        'action_items.team_id as key',
        eb.fn.countAll<number>().as('n'),
        eb.fn.min('action_items.due_at').as('oldest'),
      ])
      .groupBy('action_items.team_id')
      .execute(),
  ]);
  const clean = (rows: { key: string | null; n: number | string; oldest: number | string | null }[]) =>
    rows
      .map((r) => ({ key: r.key, count: Number(r.n), oldest: Number(r.oldest) }))
      .sort((a, b) => b.count - a.count || a.oldest - b.oldest);
  return { byOwner: clean(byOwner), byTeam: clean(byTeam) };
}

export const openItemsOwnedBy = (ex: Executor, userId: string) =>
  ex
    .selectFrom('action_items')
    .selectAll()
    .where('owner_id', '=', userId)
    .where('status', 'in', OPEN)
    .orderBy('id')
    .execute();

export const setActionItemOwner = (ex: Executor, row: ActionItemRow, ownerId: string, now: number) =>
  ex
    .updateTable('action_items')
    .set({ owner_id: ownerId, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
