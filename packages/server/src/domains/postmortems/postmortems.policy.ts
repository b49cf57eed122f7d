import { roleAtLeast } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import { forbidden, notFound } from '../../core/errors.js';
import type { IncidentRow } from '../incidents/incidents.model.js';
import { canSee, type Viewer } from '../incidents/incidents.policy.js';
import { findIncidentByRef } from '../incidents/incidents.repo.js';
import type { PostmortemRow } from './postmortems.model.js';
import { getPostmortemOfIncident, getPostmortemRow } from './postmortems.repo.js';

// Who may do what with postmortems. A postmortem is exactly as visible as its incident: a private
// incident's postmortem answers 404 to anyone who may not see the incident.

export function requireWriter(viewer: Viewer | null, action: string): void {
  if (viewer && !roleAtLeast(viewer.role, 'responder')) throw forbidden(`Only responders or higher may ${action}.`);
}

export function requireAdmin(viewer: Viewer, action: string): void {
  if (viewer.role !== 'admin') throw forbidden(`Only admins may ${action}.`);
}

/** The owner, the incident's current commander, or an admin publishes (the system may too). */
export function mayPublish(viewer: Viewer | null, pm: PostmortemRow, commanderId: string | null): boolean {
  if (viewer === null || viewer.role === 'admin') return true;
  if (!roleAtLeast(viewer.role, 'responder')) return false;
  return viewer.userId === pm.owner_id || viewer.userId === commanderId;
}

/**
 * A postmortem by its id, or by its incident (id or `INC-42`), if the viewer may see the incident;
 * 404 otherwise, exactly like one that does not exist.
 */
export async function findVisiblePostmortem(
  ex: Executor,
  viewer: Viewer | null,
  ref: string,
): Promise<{ pm: PostmortemRow; incident: IncidentRow }> {
  let pm = await getPostmortemRow(ex, ref);
  let incident: IncidentRow | undefined;
  if (!pm) {
    incident = await findIncidentByRef(ex, ref);
    pm = incident ? await getPostmortemOfIncident(ex, incident.id) : undefined;
  }
  if (pm && !incident) incident = await findIncidentByRef(ex, pm.incident_id);
  if (!pm || !incident || !(await canSee(ex, incident, viewer))) throw notFound('postmortem', ref);
  return { pm, incident };
}
