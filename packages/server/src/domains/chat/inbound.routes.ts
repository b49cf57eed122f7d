import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { constantTimeEqual as safeEqual } from '../../core/ids.js';
import { replaceNul } from '../../core/nul.js';
import type { App } from '../../http/app.js';
import { confirmUserLink, previewUserLink } from './commands/link-user.js';
import { type EventEnvelope, runEvent } from './events.js';
import { type InteractionPayload, runInteraction } from './interactions.js';
import { SLACK_PATHS } from './slack-app.js';
import { runSlashCommand } from './slash-command.js';
import { verifiedWorkspace } from './verify-request.js';

// Inbound Slack (and Mattermost) requests, outside /api/v1. They are public routes whose proof is
// the signature (or verification token), checked against the raw body before anything is parsed:
// this scope replaces Fastify's body parsers with one that keeps the body as the exact string
// received. A bad or old signature is 401 and nothing happens.

const BODY_LIMIT = 256 * 1024;
const tags = ['chat'];
const INBOUND = { config: { access: 'public' as const }, bodyLimit: BODY_LIMIT, helmet: false as const };

function keepRawBody(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
}

const rawOf = (request: FastifyRequest) => (typeof request.body === 'string' ? request.body : '');

/** A form's fields, any NUL replaced as core/nul.ts explains (`%00` is how a form encodes one). */
const formOf = (raw: string) => new URLSearchParams(replaceNul(raw).replaceAll('%00', '%EF%BF%BD'));

function parseJson<T>(text: string): T {
  try {
    return replaceNul(JSON.parse(text) as T);
  } catch {
    throw new AppError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

export function inboundRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope) => {
    keepRawBody(scope);

    scope.post(
      SLACK_PATHS.commands,
      { schema: { tags, summary: 'Slash command `/inc` (Slack, or Mattermost with its token)' }, ...INBOUND },
      async (request, reply) => {
        const raw = rawOf(request);
        const form = formOf(raw);
        const workspace = await verifiedWorkspace(ctx, request, raw, {
          teamId: form.get('team_id') ?? undefined,
          token: form.get('token') ?? undefined,
        });
        const answer = await runSlashCommand(ctx, workspace, {
          teamId: form.get('team_id') ?? '',
          channelId: form.get('channel_id') ?? '',
          userId: form.get('user_id') ?? '',
          userName: form.get('user_name') ?? '',
          text: form.get('text') ?? '',
          triggerId: form.get('trigger_id') || undefined,
        });
        return answer ? reply.send(answer) : reply.code(200).send();
      },
    );

    scope.post(
      SLACK_PATHS.interactions,
      { schema: { tags, summary: 'Buttons and modal submissions (Slack interactivity)' }, ...INBOUND },
      async (request, reply) => {
        const raw = rawOf(request);
        const payload = parseJson<InteractionPayload>(formOf(raw).get('payload') ?? 'null') ?? {
          type: '',
        };
        const workspace = await verifiedWorkspace(ctx, request, raw, { teamId: payload.team?.id });
        const answer = await runInteraction(ctx, workspace, payload);
        return answer ? reply.send(answer) : reply.code(200).send();
      },
    );

    scope.post(
      SLACK_PATHS.events,
      { schema: { tags, summary: 'Events API: url_verification and reactions in war rooms' }, ...INBOUND },
      async (request, reply) => {
        const raw = rawOf(request);
        const envelope = parseJson<EventEnvelope>(raw) ?? {};
        const workspace = await verifiedWorkspace(ctx, request, raw, { teamId: envelope.team_id });
        if (envelope.type === 'url_verification') return reply.send({ challenge: envelope.challenge ?? '' });
        await runEvent(ctx, workspace, envelope);
        return reply.code(200).send();
      },
    );
  });

  app.register(async (scope) => linkPage(scope as App, ctx));
}

const TokenQuery = z.object({ token: z.string().min(10).max(200).describe('One-time token from `/inc link`') });

const escapeHtml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const page = (reply: FastifyReply, title: string, body: string, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`,
    );

/**
 * The page `/inc link` points to. GET shows who would be linked to whom and a confirm button; the
 * form carries the session's CSRF token, checked on POST (a form cannot send the header), so another
 * site cannot link someone's account to a chat user of its choosing.
 */
function linkPage(app: App, ctx: AppContext): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get(
    SLACK_PATHS.link,
    {
      schema: {
        tags,
        summary: 'Confirmation page linking a chat user to the signed-in account',
        querystring: TokenQuery,
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const target = await previewUserLink(ctx, request.query.token).catch((err: AppError) => err);
      if (target instanceof AppError)
        return page(reply, 'Link expired', `<h1>Link not valid</h1><p>${escapeHtml(target.message)}</p>`, 403);
      const actor = request.actor;
      if (!actor) {
        const next = encodeURIComponent(request.url);
        return page(
          reply,
          'Sign in',
          `<h1>Sign in first</h1><p>Sign in to Firebreak, then open this link again.</p><p><a href="/login?next=${next}">Sign in</a></p>`,
        );
      }
      const body = `<h1>Link your chat account?</h1><p>Chat user <strong>${escapeHtml(target.chatUserName || target.chatUserId)}</strong> will act in chat as <strong>${escapeHtml(actor.name)}</strong> in Firebreak.</p><form method="post"><input type="hidden" name="token" value="${escapeHtml(request.query.token)}"><input type="hidden" name="csrf" value="${escapeHtml(actor.csrfToken ?? '')}"><button type="submit" style="font-size:1.25rem;padding:.75rem 1.5rem">Link</button></form>`;
      return page(reply, 'Link chat account', body);
    },
  );

  app.post(
    SLACK_PATHS.link,
    {
      schema: {
        tags,
        summary: 'Confirm linking a chat user to the signed-in account (form post from the confirmation page)',
        body: z.object({ token: z.string().min(10).max(200), csrf: z.string().max(200).default('') }),
      },
      // The CSRF token comes in the form (checked below), not in the header the API expects.
      config: { access: 'viewer', csrf: false },
    },
    async (request, reply) => {
      const actor = request.actor!;
      if (actor.via === 'session' && (!actor.csrfToken || !safeEqual(request.body.csrf, actor.csrfToken))) {
        throw new AppError(403, 'csrf_failed', 'This form is stale; open the link from chat again.');
      }
      await confirmUserLink(ctx, actor.userId, request.body.token);
      return page(
        reply,
        'Linked',
        '<h1>Linked</h1><p>Your chat account now acts as you in Firebreak. You can close this window and return to chat.</p>',
      );
    },
  );
}
