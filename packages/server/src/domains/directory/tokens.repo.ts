import type { PageQuery } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type { ApiTokensTable } from './directory.model.js';
import { keysetPage } from './pagination.js';

export type TokenRow = ApiTokensTable;

export const getToken = (ex: Executor, id: string) =>
  ex.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();

export const getTokenBySecretHash = (ex: Executor, secretHash: string) =>
  ex.selectFrom('api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();

/** Tokens of one person, or of everyone when `userId` is undefined. */
export const listTokens = (ex: Executor, page: PageQuery, userId: string | undefined) => {
  let q = ex.selectFrom('api_tokens').selectAll();
  if (userId) q = q.where('user_id', '=', userId);
  return keysetPage(q, 'id', page, (t) => t.id);
};

export const insertToken = (ex: Executor, row: TokenRow) => ex.insertInto('api_tokens').values(row).execute();

export const revokeToken = (ex: Executor, id: string, at: number) =>
  ex.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();

/** Records use at most once per `everyMs`, so a busy automation does not write on every request. */
export const touchToken = (ex: Executor, id: string, now: number, everyMs: number) =>
  ex
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - everyMs)]))
    .execute();
