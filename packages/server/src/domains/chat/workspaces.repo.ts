import type { Executor } from '../../core/db/database.js';
import type { ChatWorkspacesTable, WorkspaceRow } from './chat.model.js';
import './chat.model.js';

// Queries only: connected workspaces.

export const listWorkspaceRows = (ex: Executor): Promise<WorkspaceRow[]> =>
  ex.selectFrom('chat_workspaces').selectAll().orderBy('created_at').orderBy('id').execute();

export const getWorkspaceRow = (ex: Executor, id: string) =>
  ex.selectFrom('chat_workspaces').selectAll().where('id', '=', id).executeTakeFirst();

export const findWorkspaceByTeam = (ex: Executor, provider: string, teamId: string) =>
  ex
    .selectFrom('chat_workspaces')
    .selectAll()
    .where('provider', '=', provider as never)
    .where('team_id', '=', teamId)
    .executeTakeFirst();

/** The Slack workspace war rooms are opened in: the first connected one with a bot token. */
export const primarySlackWorkspace = (ex: Executor) =>
  ex
    .selectFrom('chat_workspaces')
    .selectAll()
    .where('provider', '=', 'slack')
    .where('bot_token', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();

export const insertWorkspaceRow = (ex: Executor, row: ChatWorkspacesTable) =>
  ex.insertInto('chat_workspaces').values(row).execute();

export const updateWorkspaceRow = (ex: Executor, id: string, changes: Partial<Omit<ChatWorkspacesTable, 'id'>>) =>
  ex.updateTable('chat_workspaces').set(changes).where('id', '=', id).execute();

export const deleteWorkspaceRow = (ex: Executor, id: string) =>
  ex.deleteFrom('chat_workspaces').where('id', '=', id).execute();
