import { SESSION_COOKIE } from '@firebreak/shared';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context.js';

/** httpOnly keeps scripts away from it; SameSite=Lax keeps it off cross-site form posts. */
export function setSessionCookie(reply: FastifyReply, ctx: AppContext, value: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: Math.max(0, Math.floor((expiresAt - ctx.clock.now()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies });
}
