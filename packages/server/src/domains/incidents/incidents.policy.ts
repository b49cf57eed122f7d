import { type Role, roleAtLeast } from '@firebreak/shared';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor, Tables } from '../../core/db/database.js';
import { forbidden, notFound } from '../../core/errors.js';
import type { IncidentRow, RoleRow } from './incidents.model.js';

/** The person behind a command or read: the `Actor` of a request, or a person the demo acts as. */
export type Viewer = { userId: string; name: string; role: Role };

export const isAdmin = (viewer: Viewer): boolean => viewer.role === 'admin';

export function requireRole(viewer: Viewer, role: Role, action: string): void {
  if (!roleAtLeast(viewer.role, role)) {
    throw forbidden(`Only ${role === 'admin' ? 'admins' : `${role}s or higher`} may ${action}.`);
  }
}

/**
 * "Incidents this person may see", as a condition on `incidents` usable in any query: every
 * non-private incident, and private ones where the person holds a role, reported it or was
 * subscribed by a participant. Admins see everything.
 */
export function visibleTo(viewer: Viewer | null): Expression<SqlBool> {
  if (viewer === null || isAdmin(viewer)) return sql<SqlBool>`1 = 1`;
  const eb = expressionBuilder<Tables, 'incidents'>();
  return eb.or([
    eb('incidents.private', '=', 0),
    eb('incidents.reporter_id', '=', viewer.userId),
    eb.exists(
      eb
        .selectFrom('incident_roles as vr')
        .select('vr.id')
        .whereRef('vr.incident_id', '=', 'incidents.id')
        .where('vr.user_id', '=', viewer.userId)
        .where('vr.relieved_at', 'is', null),
    ),
    eb.exists(
      eb
        .selectFrom('incident_subscribers as vs')
        .select('vs.user_id')
        .whereRef('vs.incident_id', '=', 'incidents.id')
        .where('vs.user_id', '=', viewer.userId),
    ),
  ]);
}

/** Holds a role, reported it or is subscribed: may see a private incident and add subscribers to it. */
export async function isParticipant(ex: Executor, incident: IncidentRow, userId: string): Promise<boolean> {
  if (incident.reporter_id === userId) return true;
  const role = await ex
    .selectFrom('incident_roles')
    .select('id')
    .where('incident_id', '=', incident.id)
    .where('user_id', '=', userId)
    .where('relieved_at', 'is', null)
    .executeTakeFirst();
  if (role) return true;
  const sub = await ex
    .selectFrom('incident_subscribers')
    .select('user_id')
    .where('incident_id', '=', incident.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return sub !== undefined;
}

export async function canSee(ex: Executor, incident: IncidentRow, viewer: Viewer | null): Promise<boolean> {
  if (viewer === null || isAdmin(viewer) || !incident.private) return true;
  return isParticipant(ex, incident, viewer.userId);
}

/**
 * A private incident someone may not see answers exactly like one that does not exist (404, not
 * 403), so its existence does not leak.
 */
export async function requireVisible(
  ex: Executor,
  incident: IncidentRow | undefined,
  viewer: Viewer | null,
  ref: string,
) {
  if (!incident || !(await canSee(ex, incident, viewer))) throw notFound('incident', ref);
  return incident;
}

/** The commander or an admin assigns and hands over roles; with no commander yet, any responder may take command. */
export function mayManageRoles(viewer: Viewer | null, roles: RoleRow[]): boolean {
  if (viewer === null || isAdmin(viewer)) return true;
  if (!roleAtLeast(viewer.role, 'responder')) return false;
  const commander = roles.find((r) => r.role === 'commander' && r.relieved_at === null);
  return !commander || commander.user_id === viewer.userId;
}

export function requireManageRoles(viewer: Viewer | null, roles: RoleRow[]): void {
  if (!mayManageRoles(viewer, roles)) throw forbidden('Only the commander or an admin may assign or hand over roles.');
}
