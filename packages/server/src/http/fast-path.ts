import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

// A few endpoints take thousands of requests a second (alert ingestion, the status page during an
// outage). For those, a listener in front of Fastify answers without routing, hooks or per-request
// logging. Each fast path is only a shortcut: the same endpoint is an ordinary route too, answering
// with the same bytes, so `inject` in tests, the OpenAPI document and the authorization matrix
// see it, and a request the fast path declines falls through to Fastify untouched.

/** Answers the request and returns true, or returns false (without reading it) to let Fastify have it. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const installed = new WeakMap<Server, FastPath[]>();

/**
 * Puts `serve` in front of the app's routes (in the order added).
 *
 * @example
 * addFastPath(app, (req, res) => req.url === '/ping' && (res.end('pong'), true));
 */
export function addFastPath(app: FastifyInstance, serve: FastPath): void {
  const server = app.server as Server;
  const existing = installed.get(server);
  if (existing) {
    existing.push(serve);
    return;
  }
  const next = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (next.length !== 1) return; // not the server layout we know: leave it alone
  const fastify = next[0]!;
  const paths = [serve];
  installed.set(server, paths);
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    for (const path of paths) if (path(req, res)) return;
    fastify.call(server, req, res);
  });
}

/**
 * Reads a request body as UTF-8 text, up to `limit` bytes; resolves null when it is larger (the
 * rest is drained so the connection stays usable).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}
