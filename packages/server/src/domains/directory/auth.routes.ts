import { ChangePasswordInput, LoginInput, SESSION_COOKIE, SessionInfo } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { SIGN_IN_RATE_LIMIT } from '../../http/plugins/rate-limit.js';
import { consumeSignInLink } from './commands/consume-sign-in-link.js';
import { setPassword } from './commands/set-password.js';
import { signIn } from './commands/sign-in.js';
import { signOut } from './commands/sign-out.js';
import { getUserById } from './directory.service.js';
import { actorOf, NoContent } from './route-helpers.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { getSession } from './sessions.repo.js';

const tags = ['auth'];

export function authRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Sign in with email and password', body: LoginInput, response: { 200: SessionInfo } },
      config: { access: 'public', csrf: false, rateLimit: SIGN_IN_RATE_LIMIT },
    },
    async (request, reply) => {
      const { cookieValue, session, user } = await signIn(ctx, request.body, request.cookies[SESSION_COOKIE]);
      setSessionCookie(reply, ctx, cookieValue, session.expires_at);
      return { user: (await getUserById(ctx, user.id))!, csrfToken: session.csrf_token, viaLink: false };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, summary: 'Sign out (ends the session)', response: { 204: NoContent } },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const value = request.cookies[SESSION_COOKIE];
      if (value) await signOut(ctx, value);
      clearSessionCookie(reply, ctx);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags, summary: 'Who is signed in', response: { 200: SessionInfo } }, config: { access: 'viewer' } },
    async (request) => {
      const actor = actorOf(request);
      const session = actor.via === 'session' ? await getSession(ctx.db, actor.credentialId) : undefined;
      return {
        user: (await getUserById(ctx, actor.userId))!,
        csrfToken: session?.csrf_token ?? '',
        viaLink: session?.via_link === 1,
      };
    },
  );

  app.put(
    '/users/me/password',
    {
      schema: {
        tags,
        summary: 'Set your password',
        description: 'Needs `currentPassword` unless you signed in through a one-time link. Ends your other sessions.',
        body: ChangePasswordInput,
        response: { 204: NoContent },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await setPassword(ctx, request.body, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}

/** The link in invitation and reset emails; outside /api/v1 because people open it in a browser. */
export function signInLinkRoute(app: App, ctx: AppContext): void {
  app.get(
    '/auth/link',
    {
      schema: {
        tags,
        summary: 'Use a one-time sign-in link',
        description: 'Starts a session and redirects to the profile page, where a password can be set.',
        querystring: z.object({ token: z.string().min(1).max(200).describe('The token from the link') }),
      },
      config: { access: 'public', rateLimit: SIGN_IN_RATE_LIMIT },
    },
    async (request, reply) => {
      const { cookieValue, session } = await consumeSignInLink(ctx, request.query.token);
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await signOut(ctx, previous);
      setSessionCookie(reply, ctx, cookieValue, session.expires_at);
      return reply.redirect('/settings/profile?welcome=1', 303);
    },
  );
}
