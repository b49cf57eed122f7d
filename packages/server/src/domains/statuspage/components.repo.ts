import type { ComponentStatus } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type {
  ComponentRow,
  GroupRow,
  HistoryRow,
  StatusComponentGroupsTable,
  StatusComponentsTable,
} from './statuspage.model.js';

// Components, their groups, the services behind them and their status history. Queries only.

export const listGroupRows = (ex: Executor): Promise<GroupRow[]> =>
  ex.selectFrom('status_component_groups').selectAll().orderBy('position').orderBy('name').execute();

export const getGroupRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_component_groups').selectAll().where('id', '=', id).executeTakeFirst();

export const insertGroup = (ex: Executor, row: StatusComponentGroupsTable) =>
  ex.insertInto('status_component_groups').values(row).execute();

export const updateGroupRow = (ex: Executor, id: string, changes: Partial<StatusComponentGroupsTable>) =>
  ex.updateTable('status_component_groups').set(changes).where('id', '=', id).execute();

export const deleteGroupRow = (ex: Executor, id: string) =>
  ex.deleteFrom('status_component_groups').where('id', '=', id).executeTakeFirst();

export const listComponentRows = (ex: Executor): Promise<ComponentRow[]> =>
  ex.selectFrom('status_components').selectAll().orderBy('position').orderBy('name').execute();

export const getComponentRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_components').selectAll().where('id', '=', id).executeTakeFirst();

export const getComponentRows = (ex: Executor, ids: string[]): Promise<ComponentRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : ex.selectFrom('status_components').selectAll().where('id', 'in', ids).execute();

export const insertComponent = (ex: Executor, row: StatusComponentsTable) =>
  ex.insertInto('status_components').values(row).execute();

export const updateComponentRow = (ex: Executor, id: string, changes: Partial<StatusComponentsTable>) =>
  ex.updateTable('status_components').set(changes).where('id', '=', id).execute();

export const deleteComponentRow = (ex: Executor, id: string) =>
  ex.deleteFrom('status_components').where('id', '=', id).executeTakeFirst();

/** The next free position at the end of a list (a group's components, or the groups). */
export async function nextPosition(ex: Executor, table: 'status_components' | 'status_component_groups') {
  const row = await ex
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .executeTakeFirst();
  return row?.max == null ? 0 : Number(row.max) + 1;
}

export async function componentServiceIds(ex: Executor): Promise<Map<string, string[]>> {
  const rows = await ex.selectFrom('status_component_services').selectAll().execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.component_id, [...(map.get(r.component_id) ?? []), r.service_id]);
  return map;
}

export async function replaceComponentServices(ex: Executor, componentId: string, serviceIds: string[]) {
  await ex.deleteFrom('status_component_services').where('component_id', '=', componentId).execute();
  if (serviceIds.length === 0) return;
  await ex
    .insertInto('status_component_services')
    .values(serviceIds.map((service_id) => ({ component_id: componentId, service_id })))
    .execute();
}

/** Ends the open history period of a component and opens one in `status`. */
export async function recordStatusPeriod(
  ex: Executor,
  componentId: string,
  status: ComponentStatus,
  at: number,
  id: string,
) {
  await ex
    .updateTable('status_component_history')
    .set({ ended_at: at })
    .where('component_id', '=', componentId)
    .where('ended_at', 'is', null)
    .execute();
  await ex
    .insertInto('status_component_history')
    .values({ id, component_id: componentId, status, started_at: at, ended_at: null })
    .execute();
}

/** Every period that overlaps [since, now]: the uptime window. */
export const listHistorySince = (ex: Executor, since: number): Promise<HistoryRow[]> =>
  ex
    .selectFrom('status_component_history')
    .selectAll()
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', since)]))
    .orderBy('component_id')
    .orderBy('started_at')
    .execute();
