import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/ids.js';
import { isUniqueViolation } from '../db-errors.js';
import { insertToken } from '../tokens.repo.js';
import { countUsers, insertContactMethod, insertUser } from '../users.repo.js';
import { newTokenRow } from './create-api-token.js';
import { issueSignInLink } from './issue-sign-in-link.js';

export type FirstAdmin = { created: true; email: string; signInUrl: string } | { created: false };

const ADMIN_EMAIL = 'admin@localhost';

/**
 * On an empty database, creates the first admin and returns a one-time sign-in link for the
 * start-up log. With FIREBREAK_BOOTSTRAP_TOKEN set, that exact value also becomes an admin
 * token, so automation can provision a fresh install. Does nothing once anyone exists.
 * Safe when several processes start at once: only one insert wins.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<FirstAdmin> {
  if ((await countUsers(ctx.db)) > 0) return { created: false };
  const now = ctx.clock.now();
  const userId = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if ((await countUsers(trx)) > 0) throw new AlreadyExists();
      await insertUser(trx, {
        id: userId,
        name: 'Administrator',
        email: ADMIN_EMAIL,
        role: 'admin',
        time_zone: ctx.config.orgTimeZone,
        password_hash: null,
        created_at: now,
        updated_at: now,
        deactivated_at: null,
      });
      await insertContactMethod(trx, {
        id: newId(),
        user_id: userId,
        kind: 'email',
        label: 'Sign-in email',
        address: ADMIN_EMAIL,
        verified_at: null,
        created_at: now,
      });
      const secret = ctx.config.bootstrapToken;
      if (secret) {
        await insertToken(
          trx,
          newTokenRow({ userId, name: 'bootstrap', scope: 'admin', secret, now, expiresAt: null }),
        );
      }
    });
  } catch (err) {
    if (err instanceof AlreadyExists || isUniqueViolation(err)) return { created: false };
    throw err;
  }
  ctx.events.emit('user.created', { userId });
  return { created: true, email: ADMIN_EMAIL, signInUrl: await issueSignInLink(ctx, userId) };
}

class AlreadyExists extends Error {}
