import type { PageQuery } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type { TeamMembersTable, TeamsTable } from './directory.model.js';
import { keysetPage } from './pagination.js';

export type TeamRow = TeamsTable;
export type MemberRow = TeamMembersTable & { name: string; email: string };

export const getTeam = (ex: Executor, id: string) =>
  ex.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();

/** A team other than `exceptId` whose name or slug equals these; names must stay distinguishable in URLs too. */
export const findTeamClash = (ex: Executor, name: string, slug: string, exceptId?: string) => {
  let q = ex
    .selectFrom('teams')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', slug)]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
};

export const listTeams = (ex: Executor, page: PageQuery) =>
  keysetPage(ex.selectFrom('teams').selectAll(), 'id', page, (t) => t.id);

export async function listMembers(ex: Executor, teamIds: string[]): Promise<MemberRow[]> {
  if (teamIds.length === 0) return [];
  return ex
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select([
      'team_members.team_id',
      'team_members.user_id',
      'team_members.role',
      'team_members.created_at',
      'users.name',
      'users.email',
    ])
    .where('team_members.team_id', 'in', teamIds)
    .orderBy('users.name')
    .execute();
}

export async function listMemberIds(ex: Executor, teamId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export const getMembership = (ex: Executor, teamId: string, userId: string) =>
  ex
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export const insertTeam = (ex: Executor, row: TeamRow) => ex.insertInto('teams').values(row).execute();

export const updateTeam = (ex: Executor, id: string, changes: Partial<Omit<TeamRow, 'id'>>) =>
  ex.updateTable('teams').set(changes).where('id', '=', id).execute();

export const deleteTeam = (ex: Executor, id: string) => ex.deleteFrom('teams').where('id', '=', id).execute();

export const upsertMember = (ex: Executor, row: TeamMembersTable) =>
  ex
    .insertInto('team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role: row.role }))
    .execute();

export const deleteMember = (ex: Executor, teamId: string, userId: string) =>
  ex.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
