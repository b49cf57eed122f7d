import type { SignInLink } from '@firebreak/shared';
import { toIso } from '../../../core/clock.js';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { hashSecret, newSecret } from '../../../core/ids.js';
import { type By, requireRole, SYSTEM } from '../directory.policy.js';
import { SIGN_IN_LINK_TTL_MS } from '../session-lifetime.js';
import { insertSignInLink } from '../sessions.repo.js';
import { getUser } from '../users.repo.js';

/**
 * A one-time link that signs `userId` in (for an invitation or a forgotten password):
 * valid for 24 hours, used once, stored only as a hash.
 *
 * @example
 * const url = await issueSignInLink(ctx, user.id); // https://firebreak.example/auth/link?token=…
 */
export async function issueSignInLink(ctx: AppContext, userId: string): Promise<string> {
  return (await issueSignInLinkWithExpiry(ctx, userId, SYSTEM)).url;
}

export async function issueSignInLinkWithExpiry(ctx: AppContext, userId: string, by: By): Promise<SignInLink> {
  requireRole(by, 'admin', 'issue sign-in links');
  const user = await getUser(ctx.db, userId);
  if (!user) throw notFound('user', userId);
  const token = newSecret('fbl');
  const now = ctx.clock.now();
  const expiresAt = now + SIGN_IN_LINK_TTL_MS;
  await insertSignInLink(ctx.db, {
    token_hash: hashSecret(token),
    user_id: userId,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
  });
  return { url: `${ctx.config.publicUrl}/auth/link?token=${encodeURIComponent(token)}`, expiresAt: toIso(expiresAt) };
}
