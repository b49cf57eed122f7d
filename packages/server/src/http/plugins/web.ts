import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where Vite writes the web UI: packages/web/dist, beside this package. */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/**
 * Serves the built web UI at / and answers unknown non-API GETs with index.html (client routing).
 * @fastify/static only lends `reply.sendFile` (`serve: false`): its own routes could not declare
 * `config.access`, which every route must.
 */
export async function registerWebUi(app: FastifyInstance, dir = WEB_DIST): Promise<void> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'web UI not built; run `npm run build`');
    return;
  }
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/')) return reply.callNotFound();
    // max-age=0: index.html is revalidated on every visit, so a deploy takes effect at once.
    if (!path.extname(url)) return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    // Vite puts a content hash in every name under /assets/, so those never change.
    const hashed = url.startsWith('/assets/');
    // @fastify/send decodes the path and refuses to leave the root (403 for ../).
    return reply.sendFile(url.slice(1), { maxAge: hashed ? '365d' : '1h', immutable: hashed });
  });
}
