import { badgeSvg, pageBadgeMessage } from './badge.js';
import { atomFeed, rssFeed } from './feeds.js';
import { renderStatusPage } from './html.js';
import type { PageModel } from './page-model.js';
import type { Representation, Snapshot } from './snapshot.js';
import { V2_DOCUMENTS } from './statuspage-v2.js';

// The snapshot bodies that have a fixed URL (no parameters), shared by the Fastify routes and the
// fast path in front of them, so both always answer with the same bytes and headers.

export const HTML = 'text/html; charset=utf-8';

/** Bodies under the page's prefix (`/status`, or nothing on the page's own host), by path. */
export const PAGE_BODIES: Record<string, (snap: Snapshot, prefix: string) => Representation> = {
  '': (snap, prefix) => snap.representation(`page:${prefix}`, HTML, (m) => renderStatusPage(m, prefix))!,
  '/feed.rss': (snap) => snap.representation('rss', 'application/rss+xml; charset=utf-8', rssFeed)!,
  '/feed.atom': (snap) => snap.representation('atom', 'application/atom+xml; charset=utf-8', atomFeed)!,
  '/badge.svg': (snap) =>
    snap.representation('badge', 'image/svg+xml', (m) =>
      badgeSvg('status', pageBadgeMessage(m.overall.indicator, m.overall.description), m.overall.indicator),
    )!,
};

/** The Statuspage-compatible documents, by path under /api/v2. */
export const V2_BODIES: Record<string, (snap: Snapshot) => Representation> = Object.fromEntries(
  Object.entries(V2_DOCUMENTS).map(([path, document]) => [
    path,
    (snap: Snapshot) =>
      snap.representation(`v2:${path}`, 'application/json; charset=utf-8', (m) => JSON.stringify(document(m)))!,
  ]),
);

/** The page's CSP: no scripts at all; images from here, data: and the configured logo's origin. */
export function pageCsp(model: PageModel): string {
  const logo = model.settings.logo_url;
  const logoOrigin = logo && /^https?:\/\//.test(logo) && URL.canParse(logo) ? ` ${new URL(logo).origin}` : '';
  return `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:${logoOrigin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

/** Headers a body needs beyond caching: the page's CSP for HTML, open CORS for JSON (aggregators, widgets). */
export function extraHeaders(rep: Representation, model: PageModel): Record<string, string> {
  if (rep.type.startsWith('text/html')) return { 'content-security-policy': pageCsp(model) };
  if (rep.type.startsWith('application/json')) return { 'access-control-allow-origin': '*' };
  return {};
}
