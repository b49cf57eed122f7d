import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import type { App } from '../../../http/app.js';
import { confirmSubscription, subscribe, unsubscribe } from '../commands/subscriptions.js';
import { badgeSvg, componentBadgeMessage } from './badge.js';
import { extraHeaders, HTML, PAGE_BODIES, pageCsp, V2_BODIES } from './bodies.js';
import { escapeHtml as e } from './escape.js';
import { installFastPath } from './fast-path.js';
import { renderHistoryPage, renderIncidentPage, renderNotice } from './html.js';
import { sendRepresentation } from './http-cache.js';
import type { PageModel } from './page-model.js';
import { type Representation, type Snapshot, SnapshotStore } from './snapshot.js';

// The public surfaces, all without sign-in: the page at /status (and at / on the page's own host
// name), history, incident pages, RSS/Atom, badges, the Statuspage-compatible JSON under /api/v2,
// and the subscription steps. Reads come from the in-memory snapshot, never from the database.

/** Sign-ups per client address: enough for a typo or two, too few to mail-bomb through the form. */
export const SUBSCRIBE_RATE_LIMIT = { max: 5, timeWindow: 60_000 };

const Params = z.object({ id: z.string().min(1).max(64) });
const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) });
const TokenQuery = z.object({ token: z.string().max(200).optional() });
const FormBody = z.record(z.string(), z.unknown()).optional();

/** Routes that exist on the page's own host: matched when `Host` is the configured status host. */
const ON_STATUS_HOST = { statusHost: 'yes' };

export async function publicRoutes(app: App, ctx: AppContext): Promise<void> {
  const store = new SnapshotStore(ctx);
  await store.start();
  store.invalidate();
  app.addHook('onClose', async () => store.stop());
  let statusHost: string | null = null;
  app.addConstraintStrategy({
    name: 'statusHost',
    storage() {
      const handlers = new Map<string, unknown>();
      return {
        get: (k: string) => (handlers.get(k) ?? null) as never,
        set: (k: string, v: unknown) => void handlers.set(k, v),
      };
    },
    deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const host = req.headers.host;
      return statusHost !== null && typeof host === 'string' && host.toLowerCase() === statusHost ? 'yes' : 'no';
    },
    mustMatchWhenDerived: false,
  });
  const current = async () => {
    const snap = await store.current();
    statusHost = snap.model.settings.status_host;
    return snap;
  };
  void store.current().then(
    (snap) => {
      statusHost = snap.model.settings.status_host;
    },
    () => {},
  );
  ctx.events.on('statuspage.changed', () => {
    void current().catch(() => {});
  });

  for (const [path, body] of Object.entries(V2_BODIES)) {
    app.get(
      `/api/v2/${path}`,
      {
        schema: { tags: ['status page (public)'], summary: `Statuspage-compatible ${path}` },
        config: { access: 'public' },
      },
      async (request, reply) => {
        const snap = await current();
        const rep = body(snap);
        return sendRepresentation(request, reply, rep, extraHeaders(rep, snap.model));
      },
    );
  }

  installFastPath(app, store, () => statusHost);

  await mountPages(app, ctx, current, '/status', undefined);
  await mountPages(app, ctx, current, '', ON_STATUS_HOST);
}

async function mountPages(
  app: App,
  ctx: AppContext,
  current: () => Promise<Snapshot>,
  prefix: string,
  constraints: Record<string, string> | undefined,
): Promise<void> {
  const route = (path: string) => `${prefix}${path}` || '/';
  const options = { constraints, config: { access: 'public' as const }, schema: { hide: true } };
  const html = (request: FastifyRequest, reply: FastifyReply, snap: Snapshot, rep: Representation | null) =>
    rep
      ? sendRepresentation(request, reply, rep, { 'content-security-policy': pageCsp(snap.model) })
      : notice(reply, snap.model, prefix, 404, 'Not found', '<p>There is no such page.</p>');

  for (const [path, body] of Object.entries(PAGE_BODIES)) {
    app.get(route(path), options, async (request, reply) => {
      const snap = await current();
      const rep = body(snap, prefix);
      return sendRepresentation(request, reply, rep, extraHeaders(rep, snap.model));
    });
  }
  app.get(
    route('/history'),
    { ...options, schema: { hide: true, querystring: HistoryQuery } },
    async (request, reply) => {
      const snap = await current();
      const page = request.query.page;
      return html(
        request,
        reply,
        snap,
        snap.representation(`history:${prefix}:${page}`, HTML, (m) => renderHistoryPage(m, prefix, page)),
      );
    },
  );
  app.get(route('/incidents/:id'), { ...options, schema: { hide: true, params: Params } }, async (request, reply) => {
    const snap = await current();
    const incident = snap.model.incidents.find((i) => i.row.id === request.params.id);
    const rep = incident
      ? snap.representation(`incident:${prefix}:${incident.row.id}`, HTML, (m) =>
          renderIncidentPage(m, prefix, incident),
        )
      : null;
    return html(request, reply, snap, rep);
  });
  app.get(
    route('/components/:id/badge.svg'),
    { ...options, schema: { hide: true, params: Params } },
    async (request, reply) => {
      const snap = await current();
      const component = snap.model.components.find((c) => c.id === request.params.id);
      if (!component) return notice(reply, snap.model, prefix, 404, 'Not found', '<p>There is no such component.</p>');
      const rep = snap.representation(`badge:${component.id}`, 'image/svg+xml', () =>
        badgeSvg(component.name, componentBadgeMessage(component.status), component.status),
      );
      return sendRepresentation(request, reply, rep!);
    },
  );

  // Forms post application/x-www-form-urlencoded; the parser is scoped to these routes only.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, formFields(String(body))),
    );

    scope.post(
      route('/subscribe'),
      {
        constraints,
        config: { access: 'public', rateLimit: SUBSCRIBE_RATE_LIMIT },
        schema: { hide: true, body: FormBody },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const componentIds = body.componentIds === undefined ? [] : [body.componentIds].flat().map(String);
        const snap = await current();
        try {
          await subscribe(ctx, { email: String(body.email ?? ''), componentIds });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const message = err.code === 'validation_failed' ? 'Please enter a valid email address.' : err.message;
          return notice(reply, snap.model, prefix, err.status, 'Not subscribed', `<p>${e(message)}</p>`);
        }
        return notice(
          reply,
          snap.model,
          prefix,
          202,
          'Check your inbox',
          '<p>If this address is not subscribed yet, we have sent it a link to confirm the subscription. Nothing else is sent until it is confirmed.</p>',
        );
      },
    );

    scope.get(
      route('/subscriptions/:id/confirm'),
      { constraints, config: { access: 'public' }, schema: { hide: true, params: Params, querystring: TokenQuery } },
      async (request, reply) => {
        const snap = await current();
        // A button, not an automatic confirmation: mail scanners that open links must not confirm for people.
        return notice(
          reply,
          snap.model,
          prefix,
          200,
          'Confirm your subscription',
          `<form method="post"><input type="hidden" name="token" value="${e(request.query.token ?? '')}"><button type="submit">Confirm my subscription</button></form>`,
        );
      },
    );
    scope.post(
      route('/subscriptions/:id/confirm'),
      {
        constraints,
        config: { access: 'public' },
        schema: { hide: true, params: Params, querystring: TokenQuery, body: FormBody },
      },
      async (request, reply) => {
        const snap = await current();
        const token = tokenOf(request.body, request.query.token);
        try {
          await confirmSubscription(ctx, request.params.id, token);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return notice(reply, snap.model, prefix, err.status, 'Link not valid', `<p>${e(err.message)}</p>`);
        }
        return notice(
          reply,
          snap.model,
          prefix,
          200,
          'You are subscribed',
          '<p>You will get an email when we post about an incident or maintenance.</p>',
        );
      },
    );
    scope.get(
      route('/subscriptions/:id/unsubscribe'),
      { constraints, config: { access: 'public' }, schema: { hide: true, params: Params, querystring: TokenQuery } },
      async (request, reply) => {
        const snap = await current();
        return notice(
          reply,
          snap.model,
          prefix,
          200,
          'Unsubscribe',
          `<form method="post"><input type="hidden" name="token" value="${e(request.query.token ?? '')}"><button type="submit">Unsubscribe me</button></form>`,
        );
      },
    );
    scope.post(
      route('/subscriptions/:id/unsubscribe'),
      {
        constraints,
        config: { access: 'public' },
        schema: { hide: true, params: Params, querystring: TokenQuery, body: FormBody },
      },
      async (request, reply) => {
        const snap = await current();
        try {
          await unsubscribe(ctx, request.params.id, tokenOf(request.body, request.query.token));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return notice(reply, snap.model, prefix, err.status, 'Link not valid', `<p>${e(err.message)}</p>`);
        }
        return notice(
          reply,
          snap.model,
          prefix,
          200,
          'Unsubscribed',
          '<p>You will not receive any more emails from this status page.</p>',
        );
      },
    );
  });
}

function notice(
  reply: FastifyReply,
  model: PageModel,
  prefix: string,
  status: number,
  title: string,
  bodyHtml: string,
) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', pageCsp(model))
    .type(HTML)
    .send(renderNotice(model, prefix, title, bodyHtml));
}

function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : [existing, value].flat();
  }
  return fields;
}

const tokenOf = (body: unknown, query: string | undefined) => {
  const fromBody = (body as Record<string, unknown> | undefined)?.token;
  return typeof fromBody === 'string' ? fromBody : query;
};
