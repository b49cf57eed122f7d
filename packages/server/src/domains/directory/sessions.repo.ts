import type { Executor } from '../../core/db/database.js';
import type { SessionsTable, SignInLinksTable } from './directory.model.js';

export type SessionRow = SessionsTable;

export const getSession = (ex: Executor, idHash: string) =>
  ex.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();

export const insertSession = (ex: Executor, row: SessionRow) => ex.insertInto('sessions').values(row).execute();

export const deleteSession = (ex: Executor, idHash: string) =>
  ex.deleteFrom('sessions').where('id_hash', '=', idHash).execute();

/** Signs a person out everywhere, optionally keeping the session they act from. */
export const deleteSessionsOfUser = (ex: Executor, userId: string, exceptIdHash?: string) => {
  let q = ex.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '<>', exceptIdHash);
  return q.execute();
};

export const updateSession = (ex: Executor, idHash: string, changes: Partial<Omit<SessionRow, 'id_hash'>>) =>
  ex.updateTable('sessions').set(changes).where('id_hash', '=', idHash).execute();

/** Sessions end by expiry without a write; they are swept when their owner next signs in. */
export const deleteExpiredSessionsOfUser = (ex: Executor, userId: string, now: number) =>
  ex.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();

export const insertSignInLink = (ex: Executor, row: SignInLinksTable) =>
  ex.insertInto('sign_in_links').values(row).execute();

/**
 * Marks an unused, unexpired link as used and returns its owner; undefined for anything else.
 * A single conditional UPDATE, so two concurrent clicks cannot both succeed.
 */
export async function consumeSignInLinkRow(ex: Executor, tokenHash: string, now: number): Promise<string | undefined> {
  const row = await ex
    .updateTable('sign_in_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
