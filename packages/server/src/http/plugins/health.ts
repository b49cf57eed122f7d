import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { pingDatabase } from '../../core/db/database.js';
import { sendProblem } from './problems.js';

/** /healthz: the process is alive. /readyz: it can reach its database and should get traffic. */
export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true }, config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) => {
    try {
      await pingDatabase(ctx.db);
      return { status: 'ready', database: ctx.dialect };
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      return sendProblem(request, reply, 503, 'database_unavailable', 'The database is unreachable.');
    }
  });
}
