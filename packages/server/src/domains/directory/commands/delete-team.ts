import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { deleteTeam as deleteTeamRow, getTeam } from '../teams.repo.js';

/** Deletes a team; its services stay, without an owner (the foreign key sets team_id to null). */
export async function deleteTeam(ctx: AppContext, id: string, by: By): Promise<void> {
  requireRole(by, 'admin', 'delete teams');
  if (!(await getTeam(ctx.db, id))) throw notFound('team', id);
  try {
    await deleteTeamRow(ctx.db, id);
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw conflict('team_in_use', 'Other records (e.g. schedules) still refer to this team.');
    throw err;
  }
}
