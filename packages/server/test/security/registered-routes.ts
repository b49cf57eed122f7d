import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/core/context.js';
import type { Access } from '../../src/http/access.js';
import { type AppOptions, buildApp } from '../../src/http/app.js';

// The suites generated from the app itself (the authorization matrix, the body fuzzer) list the
// routes the real app registers, so a new route is covered the day it is added.

export type RegisteredRoute = {
  /** `METHOD /url`, with ` @statusHost` on routes served only on the status page's own host. */
  key: string;
  method: string;
  url: string;
  access: Access | undefined;
  onStatusHost: boolean;
  /** The route's body schema (zod), if it declares one. */
  bodySchema: unknown;
};

/**
 * Builds the real app and lists every route it registers, through Fastify's own
 * `fastify.initialization` diagnostics channel: the hook is in place before the first route.
 *
 * @example
 * const { app, routes } = await buildAppListingRoutes(ctx);
 * const posts = routes.filter((r) => r.method === 'POST');
 */
export async function buildAppListingRoutes(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  let seen = false;
  const onInit = (message: unknown) => {
    if (seen) return;
    seen = true;
    (message as { fastify: FastifyInstance }).fastify.addHook('onRoute', (route) => {
      const access = (route.config as { access?: Access } | undefined)?.access;
      const onStatusHost = Object.keys(route.constraints ?? {}).includes('statusHost');
      const bodySchema = (route.schema as { body?: unknown } | undefined)?.body;
      for (const method of [route.method].flat()) {
        // HEAD twins of GET routes are Fastify's; the API docs are served as-is.
        if (method === 'HEAD' || route.url.startsWith('/api/docs')) continue;
        const key = `${method} ${route.url}${onStatusHost ? ' @statusHost' : ''}`;
        routes.push({ key, method, url: route.url, access, onStatusHost, bodySchema });
      }
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  try {
    const app = await buildApp(ctx, options);
    await app.ready();
    return { app, routes };
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit);
  }
}
