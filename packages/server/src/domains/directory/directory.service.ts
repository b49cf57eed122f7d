import type { ApiToken, Page, PageQuery, Service, Team, User } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { presentService, presentTeam, presentToken, presentUser } from './directory.presenter.js';
import { getService } from './services.repo.js';
import { getTeam, listMemberIds, listMembers, type TeamRow } from './teams.repo.js';
import { listTokens } from './tokens.repo.js';
import { getUser, listContactMethods, type UserRow } from './users.repo.js';

// Read functions for routes and for other domains; they never write.

export async function userViews(ex: Executor, rows: UserRow[]): Promise<User[]> {
  const methods = await listContactMethods(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentUser(row, methods));
}

export async function teamViews(ex: Executor, rows: TeamRow[]): Promise<Team[]> {
  const members = await listMembers(
    ex,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentTeam(row, members));
}

/** A person with their contact methods, or null. Deactivated people are returned too (see `deactivatedAt`). */
export async function getUserById(ctx: AppContext, id: string): Promise<User | null> {
  const row = await getUser(ctx.db, id);
  return row ? ((await userViews(ctx.db, [row]))[0] ?? null) : null;
}

export async function getTeamById(ctx: AppContext, id: string): Promise<Team | null> {
  const row = await getTeam(ctx.db, id);
  return row ? ((await teamViews(ctx.db, [row]))[0] ?? null) : null;
}

export async function getServiceById(ctx: AppContext, id: string): Promise<Service | null> {
  const row = await getService(ctx.db, id);
  return row ? presentService(row) : null;
}

/** Ids of a team's members (any membership role), e.g. to page a whole team. */
export const listTeamMemberIds = (ctx: AppContext, teamId: string): Promise<string[]> => listMemberIds(ctx.db, teamId);

/** A person's API tokens, or everyone's when `userId` is undefined; secrets are never included. */
export async function listApiTokens(
  ctx: AppContext,
  filter: { userId?: string | undefined },
  page: PageQuery = { limit: 50 },
): Promise<Page<ApiToken>> {
  const result = await listTokens(ctx.db, page, filter.userId);
  return { items: result.items.map(presentToken), nextCursor: result.nextCursor };
}
