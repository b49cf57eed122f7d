import { toIso } from '../../../core/clock.js';
import { escapeHtml, xmlSafe } from './escape.js';
import { httpDate, statusWord } from './format.js';
import type { IncidentModel, PageModel } from './page-model.js';

// RSS 2.0 and Atom feeds of incidents and maintenance, newest first. Text is XML-escaped; the
// HTML content of an entry is built from escaped text and then escaped again as XML, so a feed
// reader that renders it shows people's words, never their markup.

const FEED_LIMIT = 50;

const x = (text: string) => escapeHtml(xmlSafe(text));

function entryHtml(i: IncidentModel): string {
  return i.updates
    .map((u) => `<p><strong>${escapeHtml(statusWord(u.status))}</strong> - ${escapeHtml(xmlSafe(u.body))}</p>`)
    .join('');
}

const items = (model: PageModel) =>
  [...model.incidents].sort((a, b) => b.row.updated_at - a.row.updated_at).slice(0, FEED_LIMIT);

export function rssFeed(model: PageModel): string {
  const name = `${model.settings.name} status`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>${x(name)}</title><link>${x(model.url)}</link><description>${x(`Incidents and maintenance of ${model.settings.name}`)}</description>
<atom:link href="${x(`${model.url}/feed.rss`)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${httpDate(model.updatedAt)}</lastBuildDate>
${items(model)
  .map(
    (i) => `<item><title>${x(i.row.name)}</title><link>${x(i.url)}</link><guid isPermaLink="true">${x(i.url)}</guid>
<pubDate>${httpDate(i.row.started_at)}</pubDate><description>${escapeHtml(entryHtml(i))}</description></item>`,
  )
  .join('\n')}
</channel></rss>
`;
}

export function atomFeed(model: PageModel): string {
  const name = `${model.settings.name} status`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${x(name)}</title><id>${x(model.url)}</id><link href="${x(model.url)}"/>
<link rel="self" href="${x(`${model.url}/feed.atom`)}"/><updated>${toIso(model.updatedAt)}</updated>
${items(model)
  .map(
    (i) => `<entry><title>${x(i.row.name)}</title><id>${x(i.url)}</id><link href="${x(i.url)}"/>
<published>${toIso(i.row.created_at)}</published><updated>${toIso(i.row.updated_at)}</updated>
<author><name>${x(model.settings.name)}</name></author><content type="html">${escapeHtml(entryHtml(i))}</content></entry>`,
  )
  .join('\n')}
</feed>
`;
}
