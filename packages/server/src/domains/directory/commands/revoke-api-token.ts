import type { ApiToken } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { type By, hasRole, isSelf, SYSTEM } from '../directory.policy.js';
import { presentToken } from '../directory.presenter.js';
import { getToken, revokeToken } from '../tokens.repo.js';

/**
 * Revokes a token; it stops working on the next request. Revoking twice is harmless.
 * Someone else's token answers "not found" to non-admins, so token ids reveal nothing.
 */
export async function revokeApiToken(ctx: AppContext, id: string, by: By = SYSTEM): Promise<ApiToken> {
  const token = await getToken(ctx.db, id);
  if (!token || !(isSelf(by, token.user_id) || hasRole(by, 'admin'))) throw notFound('token', id);
  const now = ctx.clock.now();
  await revokeToken(ctx.db, id, now);
  return presentToken({ ...token, revoked_at: token.revoked_at ?? now });
}
