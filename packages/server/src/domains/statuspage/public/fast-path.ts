import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { addFastPath } from '../../../http/fast-path.js';
import { extraHeaders, PAGE_BODIES, V2_BODIES } from './bodies.js';
import { CACHE_CONTROL, isFresh } from './http-cache.js';
import type { Representation, SnapshotStore } from './snapshot.js';

// An outage sends everyone to the status page at once. The bodies with fixed URLs (the page, the
// JSON documents, feeds and badge) are answered by a fast path (http/fast-path.ts) straight from
// the snapshot: about twice the rate. Only plain GET/HEAD without a query string, and only while
// the snapshot is up to date; everything else goes through the ordinary routes.

/** The security headers the app's helmet plugin sets, for answers that never reach it. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

export function installFastPath(app: FastifyInstance, store: SnapshotStore, statusHost: () => string | null): void {
  addFastPath(app, (req, res) => serve(req, res, store, statusHost()));
}

function serve(req: IncomingMessage, res: ServerResponse, store: SnapshotStore, statusHost: string | null): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  if (url.includes('?')) return false;
  const find = (snap: NonNullable<ReturnType<SnapshotStore['ready']>>): Representation | undefined => {
    if (url.startsWith('/api/v2/')) return V2_BODIES[url.slice('/api/v2/'.length)]?.(snap);
    if (statusHost !== null && req.headers.host?.toLowerCase() === statusHost) {
      const path = url === '/' ? '' : url;
      return PAGE_BODIES[path]?.(snap, '');
    }
    if (url === '/status' || url.startsWith('/status/'))
      return PAGE_BODIES[url.slice('/status'.length)]?.(snap, '/status');
    return undefined;
  };
  if (!url.startsWith('/api/v2/') && !url.startsWith('/status') && statusHost === null) return false;
  const snap = store.ready();
  if (!snap) return false;
  const rep = find(snap);
  if (!rep) return false;
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    etag: rep.etag,
    'last-modified': rep.lastModified,
    'cache-control': CACHE_CONTROL,
    ...extraHeaders(rep, snap.model),
  };
  if (isFresh(req.headers, rep)) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-type': rep.type, 'content-length': rep.body.length });
  res.end(req.method === 'HEAD' ? undefined : rep.body);
  return true;
}
