import cookie from '@fastify/cookie';
import { CSRF_HEADER, type Role, roleAtLeast, SESSION_COOKIE } from '@firebreak/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { AppError, forbidden, unauthorized } from '../../core/errors.js';
import { constantTimeEqual } from '../../core/ids.js';
import { authenticateSession, authenticateToken, setSessionCookie } from '../../domains/directory/index.js';
import type { Actor } from '../access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false only for sign-in itself, which replaces whatever session the browser had. */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves `request.actor` from `Authorization: Bearer <token>` or the session cookie, then
 * enforces the route's `config.access`, the read-only limit of read-scope tokens, and CSRF
 * for cookie-authenticated writes. Runs in onRequest, before any body is parsed.
 */
export async function registerAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  app.addHook('onRequest', async (request, reply) => {
    const { actor, readOnly, badToken } = await resolveActor(request, reply, ctx);
    request.actor = actor;
    const config = request.routeOptions.config as { access?: string; csrf?: boolean } | undefined;
    const access = config?.access;
    if (!access) return; // no route matched: the not-found handler answers
    if (!actor) {
      if (access === 'public') return;
      throw unauthorized(badToken ? 'The API token is unknown, expired or revoked.' : undefined);
    }
    if (!SAFE_METHODS.has(request.method)) {
      if (readOnly) {
        throw new AppError(403, 'token_read_only', 'This API token has the read scope: it may only make GET requests.');
      }
      if (actor.via === 'session' && config?.csrf !== false) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !actor.csrfToken || !constantTimeEqual(sent, actor.csrfToken)) {
          throw new AppError(
            403,
            'csrf_failed',
            `Missing or wrong ${CSRF_HEADER} header; reload the page and try again.`,
          );
        }
      }
    }
    if (access !== 'public' && !roleAtLeast(actor.role, access as Role)) {
      throw forbidden(`This needs the ${access} role; you act as ${actor.role}.`);
    }
  });
}

async function resolveActor(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AppContext,
): Promise<{ actor: Actor | null; readOnly: boolean; badToken: boolean }> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    // An explicit token wins over a cookie, and a bad one is never silently replaced by the cookie.
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const auth = secret ? await authenticateToken(ctx, secret) : null;
    if (!auth) return { actor: null, readOnly: false, badToken: true };
    return { actor: auth.actor, readOnly: auth.readOnly, badToken: false };
  }
  const value = request.cookies[SESSION_COOKIE];
  if (value) {
    const auth = await authenticateSession(ctx, value);
    if (auth?.refreshed) setSessionCookie(reply, ctx, value, auth.expiresAt);
    if (auth) return { actor: auth.actor, readOnly: false, badToken: false };
  }
  return { actor: null, readOnly: false, badToken: false };
}
