import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Representation } from './snapshot.js';

// Conditional GETs for snapshot bodies: a strong ETag (hash of the bytes) and Last-Modified (the
// page's latest change), 304 when the client has them. Caches and CDNs may keep a body briefly and
// serve it stale while revalidating, or for a day while the server errors.

export const CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60, stale-if-error=86400';

export function isFresh(headers: IncomingHttpHeaders, rep: Representation): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    return inm.trim() === '*' || inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === rep.etag);
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && since >= rep.lastModifiedMs;
}

export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  rep: Representation,
  headers: Record<string, string> = {},
): FastifyReply {
  reply.headers({ etag: rep.etag, 'last-modified': rep.lastModified, 'cache-control': CACHE_CONTROL, ...headers });
  if (isFresh(request.headers, rep)) return reply.code(304).send();
  return reply.type(rep.type).send(rep.body);
}
