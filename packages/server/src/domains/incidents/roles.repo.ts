import type { Executor } from '../../core/db/database.js';
import type { IncidentRolesTable, IncidentRoleTypesTable, RoleRow } from './incidents.model.js';

/** Current holders of every role of an incident, oldest assignment first. */
export const activeRoles = (ex: Executor, incidentId: string): Promise<RoleRow[]> =>
  ex
    .selectFrom('incident_roles')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('relieved_at', 'is', null)
    .orderBy('assigned_at')
    .orderBy('id')
    .execute();

/** Current commanders of several incidents, by incident id. */
export async function commandersOf(ex: Executor, incidentIds: string[]): Promise<Map<string, string>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await ex
    .selectFrom('incident_roles')
    .select(['incident_id', 'user_id'])
    .where('incident_id', 'in', incidentIds)
    .where('role', '=', 'commander')
    .where('relieved_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.incident_id, r.user_id]));
}

export const insertRole = (ex: Executor, row: IncidentRolesTable) =>
  ex.insertInto('incident_roles').values(row).execute();

export const relieveRole = (ex: Executor, id: string, at: number) =>
  ex.updateTable('incident_roles').set({ relieved_at: at }).where('id', '=', id).execute();

export const listRoleTypeRows = (ex: Executor) =>
  ex.selectFrom('incident_role_types').selectAll().orderBy('name').execute();

export const getRoleTypeRow = (ex: Executor, key: string) =>
  ex.selectFrom('incident_role_types').selectAll().where('key', '=', key).executeTakeFirst();

export const insertRoleType = (ex: Executor, row: IncidentRoleTypesTable) =>
  ex.insertInto('incident_role_types').values(row).execute();

export const deleteRoleType = (ex: Executor, key: string) =>
  ex.deleteFrom('incident_role_types').where('key', '=', key).execute();

export async function isRoleHeldAnywhere(ex: Executor, key: string): Promise<boolean> {
  const row = await ex
    .selectFrom('incident_roles')
    .select('id')
    .where('role', '=', key)
    .where('relieved_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
