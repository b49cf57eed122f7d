import { lowerRole } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { hashSecret } from '../../core/ids.js';
import type { Actor } from '../../http/access.js';
import { SCOPE_ROLE } from './directory.policy.js';
import { SESSION_REFRESH_MS, slidExpiry, TOKEN_TOUCH_EVERY_MS } from './session-lifetime.js';
import { getSession, updateSession } from './sessions.repo.js';
import { getTokenBySecretHash, touchToken } from './tokens.repo.js';
import { getUser } from './users.repo.js';

// Used by the HTTP auth plugin to turn credentials into an Actor. Only the bookkeeping of
// credentials (last use, sliding expiry) is written here.

export type TokenAuth = { actor: Actor; readOnly: boolean };
export type SessionAuth = { actor: Actor; viaLink: boolean; expiresAt: number; refreshed: boolean };

/** The actor behind an API token, or null when it is unknown, revoked, expired or its owner is deactivated. */
export async function authenticateToken(ctx: AppContext, secret: string): Promise<TokenAuth | null> {
  const token = await getTokenBySecretHash(ctx.db, hashSecret(secret));
  const now = ctx.clock.now();
  if (!token || token.revoked_at != null || (token.expires_at != null && token.expires_at <= now)) return null;
  const user = await getUser(ctx.db, token.user_id);
  if (!user || user.deactivated_at != null) return null;
  if (token.last_used_at == null || now - token.last_used_at >= TOKEN_TOUCH_EVERY_MS) {
    await touchToken(ctx.db, token.id, now, TOKEN_TOUCH_EVERY_MS);
  }
  return {
    actor: {
      userId: user.id,
      name: user.name,
      role: lowerRole(user.role, SCOPE_ROLE[token.scope]),
      via: 'token',
      credentialId: token.id,
    },
    readOnly: token.scope === 'read',
  };
}

/** The actor behind a session cookie; slides the session's expiry at most once a minute. */
export async function authenticateSession(ctx: AppContext, cookieValue: string): Promise<SessionAuth | null> {
  const session = await getSession(ctx.db, hashSecret(cookieValue));
  const now = ctx.clock.now();
  if (!session || session.expires_at <= now) return null;
  const user = await getUser(ctx.db, session.user_id);
  if (!user || user.deactivated_at != null) return null;
  let expiresAt = session.expires_at;
  const refreshed = now - session.last_seen_at >= SESSION_REFRESH_MS;
  if (refreshed) {
    expiresAt = slidExpiry(session.created_at, now);
    await updateSession(ctx.db, session.id_hash, { last_seen_at: now, expires_at: expiresAt });
  }
  return {
    actor: {
      userId: user.id,
      name: user.name,
      role: user.role,
      via: 'session',
      credentialId: session.id_hash,
      csrfToken: session.csrf_token,
    },
    viaLink: session.via_link === 1,
    expiresAt,
    refreshed,
  };
}
