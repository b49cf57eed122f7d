import { CreateTeamInput, type Team } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId, slugify } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { presentTeam } from '../directory.presenter.js';
import { findTeamClash, insertTeam, type TeamRow } from '../teams.repo.js';
import { parseInput } from '../validate.js';

export const teamNameTaken = (name: string) => conflict('team_name_taken', `A team named "${name}" already exists.`);

export async function createTeam(ctx: AppContext, input: CreateTeamInput, by: By): Promise<Team> {
  const data = parseInput(CreateTeamInput, input);
  requireRole(by, 'admin', 'create teams');
  const now = ctx.clock.now();
  const row: TeamRow = {
    id: newId(),
    name: data.name,
    slug: slugify(data.name),
    description: data.description,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findTeamClash(trx, row.name, row.slug)) throw teamNameTaken(row.name);
      await insertTeam(trx, row);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? teamNameTaken(row.name) : err;
  }
  return presentTeam(row, []);
}
