import type { AppContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { hashSecret } from '../../../core/ids.js';
import { newSession } from '../session-lifetime.js';
import { consumeSignInLinkRow, insertSession } from '../sessions.repo.js';
import { getUser } from '../users.repo.js';
import type { SignedIn } from './sign-in.js';

const invalidLink = () =>
  new AppError(
    403,
    'sign_in_link_invalid',
    'This sign-in link is not valid: it was used already, expired or mistyped. Ask an admin for a new one.',
  );

/** Uses a one-time link: marks it used and starts a session that may set a password without the old one. */
export async function consumeSignInLink(ctx: AppContext, token: string): Promise<SignedIn> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const userId = await consumeSignInLinkRow(trx, hashSecret(token), now);
    const user = userId ? await getUser(trx, userId) : undefined;
    if (!user || user.deactivated_at != null) throw invalidLink();
    const { cookieValue, row } = newSession(user.id, now, true);
    await insertSession(trx, row);
    return { cookieValue, session: row, user };
  });
}
