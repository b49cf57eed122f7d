import { SetMemberInput, type Team } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { type By, requireTeamManager, SYSTEM } from '../directory.policy.js';
import { teamViews } from '../directory.service.js';
import { getMembership, getTeam, upsertMember } from '../teams.repo.js';
import { getUser } from '../users.repo.js';
import { parseInput } from '../validate.js';

/** Adds a person to a team, or changes their membership role; idempotent. */
export async function setTeamMember(
  ctx: AppContext,
  teamId: string,
  userId: string,
  input: SetMemberInput,
  by: By,
): Promise<Team> {
  const data = parseInput(SetMemberInput, input);
  const team = await getTeam(ctx.db, teamId);
  if (!team) throw notFound('team', teamId);
  const membership = by === SYSTEM ? undefined : await getMembership(ctx.db, teamId, by.userId);
  requireTeamManager(by, membership?.role, "change this team's members");
  if (!(await getUser(ctx.db, userId))) throw notFound('user', userId);
  await upsertMember(ctx.db, { team_id: teamId, user_id: userId, role: data.role, created_at: ctx.clock.now() });
  const [view] = await teamViews(ctx.db, [team]);
  return view!;
}
