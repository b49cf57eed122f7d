import type { Team } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { type By, requireTeamManager, SYSTEM } from '../directory.policy.js';
import { teamViews } from '../directory.service.js';
import { deleteMember, getMembership, getTeam } from '../teams.repo.js';

export async function removeTeamMember(ctx: AppContext, teamId: string, userId: string, by: By): Promise<Team> {
  const team = await getTeam(ctx.db, teamId);
  if (!team) throw notFound('team', teamId);
  const membership = by === SYSTEM ? undefined : await getMembership(ctx.db, teamId, by.userId);
  requireTeamManager(by, membership?.role, "change this team's members");
  if (!(await getMembership(ctx.db, teamId, userId))) throw notFound('team member', userId);
  await deleteMember(ctx.db, teamId, userId);
  const [view] = await teamViews(ctx.db, [team]);
  return view!;
}
