import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { acknowledgePage } from './commands/acknowledge-page.js';
import { linkUsed } from './commands/change-page.js';
import { resolvePage } from './commands/resolve-page.js';
import { linkIdOf, verifyLink } from './links.js';
import { getNotification } from './notifications.repo.js';
import { getPage } from './pages.repo.js';

// The acknowledge and resolve links in notifications, outside /api/v1 because people open them
// from a phone without signing in. GET shows a one-button confirmation page (so a mail scanner
// fetching the link changes nothing); POST acts. Forged, expired or used links answer 403
// problem+json and change nothing.

const TokenParams = z.object({ token: z.string().min(1).max(1000).describe('The signed token from the link') });
const VERB = { ack: 'Acknowledge', resolve: 'Resolve' } as const;
const DONE = { ack: 'acknowledged', resolve: 'resolved' } as const;

const escapeHtml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

const html = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

/** What a valid, unused link stands for; 403 problem+json for anything else. */
async function claimsOf(ctx: AppContext, token: string) {
  const check = verifyLink(ctx.secretKey, token, ctx.clock.now());
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new AppError(403, 'link_expired', 'This link has expired. Open the page in Firebreak to act on it.')
      : invalidLink();
  }
  const notification = await getNotification(ctx.db, check.claims.notificationId);
  if (!notification?.page_id) throw invalidLink();
  const linkId = linkIdOf(check.claims);
  const used = await ctx.db
    .selectFrom('page_link_uses')
    .select('link_id')
    .where('link_id', '=', linkId)
    .executeTakeFirst();
  if (used) throw linkUsed();
  return { linkId, action: check.claims.action, pageId: notification.page_id, userId: notification.user_id };
}

const invalidLink = () => new AppError(403, 'link_invalid', 'This link is not valid.');

export function linkRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    // An HTML form posts urlencoded; the token in the path is all the route needs, so the body is ignored.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) =>
      done(null, {}),
    );

    scope.get(
      '/p/:token',
      {
        schema: { tags: ['paging'], summary: 'Confirmation page of a notification link', params: TokenParams },
        config: { access: 'public' },
      },
      async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
        const claims = await claimsOf(ctx, request.params.token);
        const page = await getPage(ctx.db, claims.pageId);
        const verb = VERB[claims.action];
        const body = `<h1>${verb} page?</h1><p><strong>${escapeHtml(page?.summary ?? 'Unknown page')}</strong> (${escapeHtml(page?.status ?? 'gone')})</p><form method="post"><button type="submit" style="font-size:1.25rem;padding:.75rem 1.5rem">${verb}</button></form>`;
        return reply.type('text/html; charset=utf-8').send(html(`${verb} page`, body));
      },
    );

    scope.post(
      '/p/:token',
      {
        schema: {
          tags: ['paging'],
          summary: 'Act on a notification link (acknowledge or resolve)',
          params: TokenParams,
        },
        // The signed single-use token is the proof; there is no session, so no CSRF token either.
        config: { access: 'public', csrf: false },
      },
      async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
        const claims = await claimsOf(ctx, request.params.token);
        const by = { userId: claims.userId, via: 'link' as const, linkId: claims.linkId, action: claims.action };
        if (claims.action === 'ack') await acknowledgePage(ctx, claims.pageId, by);
        else await resolvePage(ctx, claims.pageId, by);
        const page = await getPage(ctx.db, claims.pageId);
        if ((request.headers.accept ?? '').includes('application/json')) {
          return reply.send({ pageId: claims.pageId, action: claims.action, status: page?.status ?? null });
        }
        const body = `<h1>Page ${DONE[claims.action]}</h1><p><strong>${escapeHtml(page?.summary ?? '')}</strong></p><p>You can close this window.</p>`;
        return reply.type('text/html; charset=utf-8').send(html(`Page ${DONE[claims.action]}`, body));
      },
    );
  });
}
