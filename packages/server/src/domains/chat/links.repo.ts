import type { Executor } from '../../core/db/database.js';
import type { ChatLinkTokensTable, ChatUserLinksTable } from './chat.model.js';
import '../directory/directory.model.js';
import './chat.model.js';

// Queries only: chat users linked to Firebreak accounts, and the one-time tokens that link them.

/** The linked, active Firebreak account of a chat user, with what commands need to act as them. */
export const findLinkedPerson = (ex: Executor, workspaceId: string, chatUserId: string) =>
  ex
    .selectFrom('chat_user_links as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['u.id as userId', 'u.name as name', 'u.role as role', 'l.chat_user_name as chatUserName'])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.chat_user_id', '=', chatUserId)
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();

/** Chat user ids of these Firebreak accounts in one workspace (people not linked are left out). */
export async function chatIdsOf(ex: Executor, workspaceId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await ex
    .selectFrom('chat_user_links')
    .select('chat_user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .orderBy('chat_user_id')
    .execute();
  return rows.map((r) => r.chat_user_id);
}

/** Mattermost sends `@name` rather than an id: find a linked chat user by handle. */
export const findLinkByChatName = (ex: Executor, workspaceId: string, chatUserName: string) =>
  ex
    .selectFrom('chat_user_links')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('chat_user_name', '=', chatUserName)
    .executeTakeFirst();

export const listLinksOfUser = (ex: Executor, userId: string) =>
  ex.selectFrom('chat_user_links').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

/** Links a chat user, replacing an earlier link of that chat user (re-linking moves it). */
export const upsertLink = (ex: Executor, row: ChatUserLinksTable) =>
  ex
    .insertInto('chat_user_links')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'chat_user_id'])
        .doUpdateSet({ user_id: row.user_id, chat_user_name: row.chat_user_name, created_at: row.created_at }),
    )
    .execute();

export const deleteLinksOfUser = (ex: Executor, userId: string) =>
  ex.deleteFrom('chat_user_links').where('user_id', '=', userId).execute();

export const insertLinkToken = (ex: Executor, row: ChatLinkTokensTable) =>
  ex.insertInto('chat_link_tokens').values(row).execute();

export const getLinkToken = (ex: Executor, tokenHash: string) =>
  ex.selectFrom('chat_link_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Spends a token; false when it was already used (a concurrent confirmation won). */
export async function spendLinkToken(ex: Executor, tokenHash: string, now: number): Promise<boolean> {
  const result = await ex
    .updateTable('chat_link_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
