import { type Team, UpdateTeamInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { slugify } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, requireTeamManager, SYSTEM } from '../directory.policy.js';
import { teamViews } from '../directory.service.js';
import { findTeamClash, getMembership, getTeam, type TeamRow, updateTeam as updateTeamRow } from '../teams.repo.js';
import { parseInput } from '../validate.js';
import { teamNameTaken } from './create-team.js';

export async function updateTeam(ctx: AppContext, id: string, input: UpdateTeamInput, by: By): Promise<Team> {
  const data = parseInput(UpdateTeamInput, input);
  const team = await getTeam(ctx.db, id);
  if (!team) throw notFound('team', id);
  const membership = by === SYSTEM ? undefined : await getMembership(ctx.db, id, by.userId);
  requireTeamManager(by, membership?.role, 'edit this team');
  const changes: Partial<TeamRow> = { updated_at: ctx.clock.now() };
  if (data.name !== undefined) Object.assign(changes, { name: data.name, slug: slugify(data.name) });
  if (data.description !== undefined) changes.description = data.description;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (changes.name && changes.slug && (await findTeamClash(trx, changes.name, changes.slug, id))) {
        throw teamNameTaken(changes.name);
      }
      await updateTeamRow(trx, id, changes);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? teamNameTaken(changes.name ?? team.name) : err;
  }
  const [view] = await teamViews(ctx.db, [{ ...team, ...changes }]);
  return view!;
}
