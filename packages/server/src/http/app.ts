import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../core/context.js';
import { newId } from '../core/ids.js';
import { domains } from '../domains/index.js';
import { requireAccessOnEveryRoute } from './access.js';
import { registerAuth } from './plugins/auth.js';
import { registerHealth } from './plugins/health.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerNulGuard } from './plugins/nul-guard.js';
import { registerOpenApi } from './plugins/openapi.js';
import { frameworkProblem, registerProblemHandlers } from './plugins/problems.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { registerWebUi } from './plugins/web.js';

export const VERSION = '0.1.0';

/** The app with the zod type provider: route schemas type their handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type AppOptions = {
  /** Serve the built web UI (off in most tests). */
  webUi?: boolean;
};

/**
 * Builds the Fastify app: every plugin, every domain's routes, the web UI.
 *
 * @example
 * const app = await buildApp(ctx);
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy:
      typeof ctx.config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (ctx.config.trustProxy as number)
        : ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkProblem,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  requireAccessOnEveryRoute(app);
  registerProblemHandlers(app);
  registerNulGuard(app);
  await registerSecurityHeaders(app);
  await registerOpenApi(app, VERSION);
  registerMetrics(app);
  registerHealth(app, ctx);
  await registerAuth(app, ctx);
  await registerRateLimit(app);

  await app.register(
    async (api) => {
      for (const domain of domains) await domain.routes?.(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  for (const domain of domains) await domain.rootRoutes?.(app, ctx);
  if (options.webUi) await registerWebUi(app);
  return app;
}
