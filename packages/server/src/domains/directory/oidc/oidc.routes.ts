import { AuthProviders, SESSION_COOKIE } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { App } from '../../../http/app.js';
import { setSessionCookie } from '../session-cookie.js';
import { signInWithOidc } from './commands/sign-in-with-oidc.js';
import { authorizationRequest, completeSignIn } from './oidc.client.js';
import {
  clearStateCookie,
  OIDC_STATE_COOKIE,
  OIDC_STATE_TTL_MS,
  readStateCookie,
  setStateCookie,
} from './oidc-state.js';
import { safeNext } from './safe-next.js';

const tags = ['auth'];
const CALLBACK_PATH = '/auth/oidc/callback';
/**
 * Nothing here can be guessed (the IdP checks passwords), so the limit only stops hammering the
 * IdP; it is looser than the password one because a whole office often shares one address.
 */
const SSO_RATE_LIMIT = { max: 60, timeWindow: 60_000 };

const stateInvalid = () =>
  new AppError(403, 'oidc_state_invalid', 'This sign-in attempt expired or did not start here; sign in again.');

/**
 * Single sign-on through OpenID Connect (authorization code + PKCE). The start and callback live
 * outside /api/v1 because a browser navigates to them; the providers route tells the UI whether
 * to offer the button.
 */
export function oidcRoutes(app: App, ctx: AppContext): void {
  const redirectUri = `${ctx.config.publicUrl}${CALLBACK_PATH}`;

  app.get(
    '/api/v1/auth/providers',
    {
      schema: { tags, summary: 'Which sign-in methods are available', response: { 200: AuthProviders } },
      config: { access: 'public' },
    },
    async () => ({
      password: true,
      oidc: ctx.config.oidc ? { startUrl: '/auth/oidc/start', issuer: ctx.config.oidc.issuer } : null,
    }),
  );

  app.get(
    '/auth/oidc/start',
    {
      schema: {
        tags,
        summary: 'Start single sign-on',
        description: 'Redirects to the identity provider; after sign-in the browser returns to `next`.',
        querystring: z.object({
          next: z.string().max(2000).optional().describe('Path on this site to land on afterwards, e.g. /incidents'),
        }),
      },
      config: { access: 'public', rateLimit: SSO_RATE_LIMIT },
    },
    async (request, reply) => {
      const oidc = ctx.config.oidc;
      if (!oidc) throw notFound('single sign-on configuration');
      const auth = await authorizationRequest(oidc, redirectUri);
      setStateCookie(reply, ctx, {
        state: auth.state,
        nonce: auth.nonce,
        verifier: auth.verifier,
        next: safeNext(request.query.next),
        expiresAt: ctx.clock.now() + OIDC_STATE_TTL_MS,
      });
      return reply.redirect(auth.url.href, 302);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      schema: {
        tags,
        summary: 'Return from the identity provider',
        description: 'Checks state, nonce and PKCE, signs the person in with a fresh session, redirects to `next`.',
        querystring: z.looseObject({
          state: z.string().max(500).optional().describe('Echo of the state sent to the identity provider'),
          error: z.string().max(200).optional().describe('Set by the identity provider when sign-in failed'),
          error_description: z.string().max(2000).optional().describe('What went wrong at the identity provider'),
        }),
      },
      config: { access: 'public', rateLimit: SSO_RATE_LIMIT },
    },
    async (request, reply) => {
      const oidc = ctx.config.oidc;
      if (!oidc) throw notFound('single sign-on configuration');
      const saved = readStateCookie(ctx, request.cookies[OIDC_STATE_COOKIE]);
      // One attempt per state: whatever happens next, the browser forgets it.
      clearStateCookie(reply, ctx);
      if (!saved || request.query.state !== saved.state) throw stateInvalid();
      if (request.query.error) {
        throw new AppError(
          403,
          'oidc_denied',
          `The identity provider refused the sign-in: ${request.query.error_description ?? request.query.error}.`,
        );
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const claims = await completeSignIn(oidc, new URL(`${redirectUri}${query}`), saved);
      const { cookieValue, session } = await signInWithOidc(ctx, oidc, claims, request.cookies[SESSION_COOKIE]);
      setSessionCookie(reply, ctx, cookieValue, session.expires_at);
      return reply.redirect(safeNext(saved.next), 303);
    },
  );
}
