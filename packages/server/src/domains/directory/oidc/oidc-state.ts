import { createHmac } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { constantTimeEqual } from '../../../core/ids.js';

export const OIDC_STATE_COOKIE = 'fb_oidc';
const COOKIE_PATH = '/auth/oidc';
/** Long enough to type a password and answer a second factor at the IdP. */
export const OIDC_STATE_TTL_MS = 10 * 60_000;

/** What the browser carries from /auth/oidc/start to /auth/oidc/callback. */
export type OidcState = { state: string; nonce: string; verifier: string; next: string; expiresAt: number };

const sign = (ctx: AppContext, payload: string) =>
  createHmac('sha256', ctx.secretKey).update(`oidc-state:${payload}`).digest('base64url');

/**
 * The state rides in a short-lived, signed, httpOnly cookie scoped to the callback path, so no
 * server-side storage is needed and several processes can share the work. SameSite=Lax still
 * sends it on the IdP's top-level redirect back to us.
 */
export function setStateCookie(reply: FastifyReply, ctx: AppContext, value: OidcState): void {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  reply.setCookie(OIDC_STATE_COOKIE, `${payload}.${sign(ctx, payload)}`, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: Math.floor(OIDC_STATE_TTL_MS / 1000),
  });
}

export function clearStateCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(OIDC_STATE_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
  });
}

/** The state from the cookie, or null when it is missing, forged or expired. */
export function readStateCookie(ctx: AppContext, raw: string | undefined): OidcState | null {
  if (!raw) return null;
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = raw.slice(0, dot);
  if (!constantTimeEqual(raw.slice(dot + 1), sign(ctx, payload))) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcState;
    return value.expiresAt > ctx.clock.now() ? value : null;
  } catch {
    return null;
  }
}
