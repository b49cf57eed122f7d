import { roleAtLeast } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { forbidden } from '../../core/errors.js';
import type { Actor } from '../../http/access.js';
import '../directory/directory.model.js';

// Who may change on-call things. Admins may change anything; a schedule or policy owned by a team
// may be changed by that team's managers; one without a team by any responder. Anyone may hand
// their own shifts to someone (override, take over, swap); covering for someone else needs a manager.

export async function isTeamManager(ex: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await ex
    .selectFrom('team_members')
    .select('role')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role === 'manager';
}

export async function canManageTeamOwned(ctx: AppContext, actor: Actor, teamId: string | null): Promise<boolean> {
  if (actor.role === 'admin') return true;
  if (!roleAtLeast(actor.role, 'responder')) return false;
  if (teamId === null) return true;
  return isTeamManager(ctx.db, teamId, actor.userId);
}

/** Throws unless `actor` may edit a schedule or policy owned by `teamId`. */
export async function assertCanManage(
  ctx: AppContext,
  actor: Actor,
  teamId: string | null,
  what: string,
): Promise<void> {
  if (!(await canManageTeamOwned(ctx, actor, teamId))) {
    throw forbidden(
      teamId === null
        ? `Only responders and admins may change ${what}.`
        : `Only admins and managers of the owning team may change ${what}.`,
    );
  }
}

/**
 * Overrides: managers and admins may move anyone; a responder only themselves, as the person
 * covering or the person covered.
 */
export async function assertCanOverride(
  ctx: AppContext,
  actor: Actor,
  scheduleTeamId: string | null,
  change: { userId: string; replacedUserId: string | null },
): Promise<void> {
  if (actor.role === 'admin') return;
  if (!roleAtLeast(actor.role, 'responder')) throw forbidden('Viewers may not change schedules.');
  if (change.userId === actor.userId || change.replacedUserId === actor.userId) return;
  if (scheduleTeamId !== null && (await isTeamManager(ctx.db, scheduleTeamId, actor.userId))) return;
  throw forbidden('Only admins and managers of the owning team may make an override between other people.');
}
