import { hashSecret, newSecret } from '../../core/ids.js';
import type { SessionRow } from './sessions.repo.js';

/** A session ends after a week without use, and a month after sign-in at the latest. */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** Sliding the expiry costs a write; once a minute per session is plenty. */
export const SESSION_REFRESH_MS = 60_000;
export const SIGN_IN_LINK_TTL_MS = 24 * 3600_000;
export const TOKEN_TOUCH_EVERY_MS = 60_000;

/** A new session: the cookie value goes to the browser, only its hash is stored. */
export function newSession(userId: string, now: number, viaLink: boolean): { cookieValue: string; row: SessionRow } {
  const cookieValue = newSecret('fbs');
  return {
    cookieValue,
    row: {
      id_hash: hashSecret(cookieValue),
      user_id: userId,
      csrf_token: newSecret('csrf'),
      created_at: now,
      last_seen_at: now,
      expires_at: slidExpiry(now, now),
      via_link: viaLink ? 1 : 0,
    },
  };
}

export const slidExpiry = (createdAt: number, now: number): number =>
  Math.min(now + SESSION_IDLE_MS, createdAt + SESSION_MAX_MS);
