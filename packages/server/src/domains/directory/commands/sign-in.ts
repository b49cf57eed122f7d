import { LoginInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { hashSecret } from '../../../core/ids.js';
import { verifyAgainstDecoy, verifyPassword } from '../password.js';
import { newSession } from '../session-lifetime.js';
import { deleteExpiredSessionsOfUser, deleteSession, insertSession, type SessionRow } from '../sessions.repo.js';
import { getUserByEmail, type UserRow } from '../users.repo.js';
import { parseInput } from '../validate.js';

export type SignedIn = { cookieValue: string; session: SessionRow; user: UserRow };

/** One message for every failure, so the answer never tells whether an address has an account. */
const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The email or password is not correct.');

/**
 * Checks a password and starts a new session. The session id is always fresh (a session
 * fixed before sign-in is never upgraded), and the session the browser presented, if any, ends.
 */
export async function signIn(ctx: AppContext, input: LoginInput, previousCookie?: string): Promise<SignedIn> {
  const data = parseInput(LoginInput, input);
  const user = await getUserByEmail(ctx.db, data.email);
  const ok =
    user?.password_hash != null
      ? await verifyPassword(data.password, user.password_hash)
      : await verifyAgainstDecoy(data.password);
  if (!user || !ok || user.deactivated_at != null) throw invalidCredentials();
  const now = ctx.clock.now();
  const { cookieValue, row } = newSession(user.id, now, false);
  await ctx.db.transaction().execute(async (trx) => {
    if (previousCookie) await deleteSession(trx, hashSecret(previousCookie));
    await deleteExpiredSessionsOfUser(trx, user.id, now);
    await insertSession(trx, row);
  });
  return { cookieValue, session: row, user };
}
