import type { Executor } from '../../core/db/database.js';
import type {
  PublicIncidentRow,
  PublicUpdateRow,
  StatusIncidentComponentsTable,
  StatusIncidentsTable,
  StatusIncidentUpdatesTable,
} from './statuspage.model.js';
import '../incidents/incidents.model.js';

// Public incidents and maintenance, their affected components and services, and their updates.

export const insertPublicIncident = (ex: Executor, row: StatusIncidentsTable) =>
  ex.insertInto('status_incidents').values(row).execute();

export const updatePublicIncidentRow = (ex: Executor, id: string, changes: Partial<StatusIncidentsTable>) =>
  ex.updateTable('status_incidents').set(changes).where('id', '=', id).execute();

export const getPublicIncidentRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_incidents').selectAll().where('id', '=', id).executeTakeFirst();

export const getPublicIncidentByIncident = (ex: Executor, incidentId: string) =>
  ex.selectFrom('status_incidents').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

/**
 * Public incidents and maintenance that may appear in public: those of private internal incidents
 * are left out here, in the one query every public surface is built from.
 */
export const listPublicIncidentRows = (ex: Executor): Promise<PublicIncidentRow[]> =>
  ex
    .selectFrom('status_incidents')
    .leftJoin('incidents', 'incidents.id', 'status_incidents.incident_id')
    .selectAll('status_incidents')
    .where((eb) => eb.or([eb('incidents.private', 'is', null), eb('incidents.private', '=', 0)]))
    .orderBy('status_incidents.started_at', 'desc')
    .orderBy('status_incidents.id', 'desc')
    .execute();

export const listAffectedComponentRows = (ex: Executor, statusIncidentIds?: string[]) => {
  let q = ex.selectFrom('status_incident_components').selectAll();
  if (statusIncidentIds) {
    if (statusIncidentIds.length === 0) return Promise.resolve([]);
    q = q.where('status_incident_id', 'in', statusIncidentIds);
  }
  return q.execute();
};

export async function replaceAffectedComponents(
  ex: Executor,
  statusIncidentId: string,
  rows: Omit<StatusIncidentComponentsTable, 'status_incident_id'>[],
) {
  await ex.deleteFrom('status_incident_components').where('status_incident_id', '=', statusIncidentId).execute();
  if (rows.length === 0) return;
  await ex
    .insertInto('status_incident_components')
    .values(rows.map((r) => ({ ...r, status_incident_id: statusIncidentId })))
    .execute();
}

export const listMaintenanceServiceRows = (ex: Executor) =>
  ex.selectFrom('status_incident_services').selectAll().execute();

export async function replaceMaintenanceServices(ex: Executor, statusIncidentId: string, serviceIds: string[]) {
  await ex.deleteFrom('status_incident_services').where('status_incident_id', '=', statusIncidentId).execute();
  if (serviceIds.length === 0) return;
  await ex
    .insertInto('status_incident_services')
    .values(serviceIds.map((service_id) => ({ status_incident_id: statusIncidentId, service_id })))
    .execute();
}

/** Inserts an update; when it mirrors an incident update already mirrored, the existing row wins. */
export async function insertPublicUpdate(ex: Executor, row: StatusIncidentUpdatesTable): Promise<boolean> {
  const inserted = await ex
    .insertInto('status_incident_updates')
    .values(row)
    .onConflict((oc) => oc.column('incident_update_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const getPublicUpdateRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_incident_updates').selectAll().where('id', '=', id).executeTakeFirst();

export const listPublicUpdateRows = (ex: Executor, statusIncidentIds?: string[]): Promise<PublicUpdateRow[]> => {
  let q = ex.selectFrom('status_incident_updates').selectAll();
  if (statusIncidentIds) {
    if (statusIncidentIds.length === 0) return Promise.resolve([]);
    q = q.where('status_incident_id', 'in', statusIncidentIds);
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
};

/**
 * Component statuses still demanded by other open public incidents and running maintenance:
 * what a component goes back to when one of them ends.
 */
export const listHeldStatuses = (ex: Executor, componentIds: string[], exceptStatusIncidentId: string) =>
  componentIds.length === 0
    ? Promise.resolve([])
    : ex
        .selectFrom('status_incident_components as c')
        .innerJoin('status_incidents as i', 'i.id', 'c.status_incident_id')
        .select(['c.component_id', 'c.status', 'i.kind'])
        .where('c.component_id', 'in', componentIds)
        .where('i.id', '!=', exceptStatusIncidentId)
        .where((eb) =>
          eb.or([
            eb.and([eb('i.kind', '=', 'incident'), eb('i.status', '!=', 'resolved')]),
            eb.and([eb('i.kind', '=', 'maintenance'), eb('i.status', 'in', ['in_progress', 'verifying'])]),
          ]),
        )
        .execute();

/** Maintenance that is running, or whose window covers `at` and has not been completed or cancelled. */
export async function maintenanceCoversService(ex: Executor, serviceId: string, at: number): Promise<boolean> {
  const row = await ex
    .selectFrom('status_incidents as i')
    .select('i.id')
    .where('i.kind', '=', 'maintenance')
    .where((eb) =>
      eb.or([
        eb('i.status', 'in', ['in_progress', 'verifying']),
        eb.and([eb('i.status', '=', 'scheduled'), eb('i.scheduled_for', '<=', at), eb('i.scheduled_until', '>', at)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('status_incident_services as s')
            .select('s.service_id')
            .whereRef('s.status_incident_id', '=', 'i.id')
            .where('s.service_id', '=', serviceId),
        ),
        eb.exists(
          eb
            .selectFrom('status_incident_components as c')
            .innerJoin('status_component_services as cs', 'cs.component_id', 'c.component_id')
            .select('cs.service_id')
            .whereRef('c.status_incident_id', '=', 'i.id')
            .where('cs.service_id', '=', serviceId),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}
