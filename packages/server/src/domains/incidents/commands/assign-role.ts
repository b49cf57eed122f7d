import { AssignRoleInput, type IncidentDetail } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { requireManageRoles, type Viewer } from '../incidents.policy.js';
import { detailAfterChange } from '../incidents.service.js';
import { personNames } from '../lookups.js';
import { activeRoles, insertRole, relieveRole } from '../roles.repo.js';
import { type Change, changeIncident, incidentLabel } from './change.js';
import { parse, requirePerson, requireRoleType } from './inputs.js';

const FINISHED = ['closed', 'declined', 'merged'];

/**
 * Gives `userId` the role inside a change. A single-holder role is handed over (the previous holder
 * is relieved, the history kept); a multi-holder role gains one more person. No-op if they hold it.
 */
export async function assignRoleIn(c: Change, role: { key: string; name: string; multiple: boolean }, userId: string) {
  const roles = await activeRoles(c.trx, c.before.id);
  const holders = roles.filter((r) => r.role === role.key);
  if (holders.some((r) => r.user_id === userId)) return;
  const previous = role.multiple ? undefined : holders[0];
  if (previous) await relieveRole(c.trx, previous.id, c.now);
  await insertRole(c.trx, {
    id: newId(),
    incident_id: c.before.id,
    role: role.key,
    user_id: userId,
    assigned_by: c.by?.userId ?? null,
    assigned_at: c.now,
    relieved_at: null,
  });
  if (role.key === 'commander' && c.incident.acknowledged_at == null) c.set({ acknowledged_at: c.now });
  const names = await personNames(c.trx, [userId, previous?.user_id]);
  const name = (id: string | undefined) => (id ? (names.get(id)?.name ?? id) : null);
  await c.record({
    kind: 'role_assigned',
    text: previous
      ? `${role.name}: ${name(previous.user_id)} → ${name(userId)}`
      : `${name(userId)} is now ${role.name.toLowerCase()}`,
    before: previous ? { userId: previous.user_id, name: name(previous.user_id) } : null,
    after: { userId, name: name(userId) },
    data: { role: role.key },
  });
  c.emit('incident.role_assigned', {
    incidentId: c.before.id,
    role: role.key,
    userId,
    previousUserId: previous?.user_id ?? null,
  });
}

/** Assigns or hands over a role; only the commander or an admin may (anyone may take command of an uncommanded incident). */
export async function assignRole(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: AssignRoleInput,
): Promise<IncidentDetail> {
  const data = parse(AssignRoleInput, input);
  const role = await requireRoleType(ctx.db, data.role);
  await requirePerson(ctx.db, data.userId, 'userId');
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      if (FINISHED.includes(c.before.status)) {
        throw conflict(
          'incident_finished',
          `${incidentLabel(c.before)} is ${c.before.status}; its roles can no longer change.`,
        );
      }
      requireManageRoles(by, await activeRoles(c.trx, c.before.id));
      await assignRoleIn(c, role, data.userId);
      return c.incident;
    },
    { role: 'responder', action: 'assign incident roles' },
  );
  return detailAfterChange(ctx, by, row.id);
}

/** Relieves a person of a role. The commander cannot be removed, only replaced (hand over instead). */
export async function unassignRole(ctx: AppContext, by: Viewer, ref: string, roleKey: string, userId: string) {
  const role = await requireRoleType(ctx.db, roleKey);
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const roles = await activeRoles(c.trx, c.before.id);
      requireManageRoles(by, roles);
      if (role.key === 'commander') {
        throw conflict('commander_required', 'An incident always has a commander: hand over to someone else instead.');
      }
      const held = roles.find((r) => r.role === role.key && r.user_id === userId);
      if (!held) return c.incident;
      await relieveRole(c.trx, held.id, c.now);
      const names = await personNames(c.trx, [userId]);
      await c.record({
        kind: 'role_relieved',
        text: `${names.get(userId)?.name ?? userId} is no longer ${role.name.toLowerCase()}`,
        before: { userId, name: names.get(userId)?.name ?? null },
        after: null,
        data: { role: role.key },
      });
      return c.incident;
    },
    { role: 'responder', action: 'change incident roles' },
  );
  return detailAfterChange(ctx, by, row.id);
}
