import { COMPONENT_STATUS_LABELS, type ComponentStatus, worstComponentStatus } from '@firebreak/shared';
import { REPORT_HEADINGS } from '../delivery/messages.js';
import type { ComponentRow } from '../statuspage.model.js';
import { componentChangesOf } from '../statuspage.presenter.js';
import { escapeHtml as e, textToHtml } from './escape.js';
import { formatTime, statusWord } from './format.js';
import {
  type IncidentModel,
  type Indicator,
  isActiveMaintenance,
  isOpenIncident,
  isUpcomingMaintenance,
  type PageModel,
} from './page-model.js';
import type { DayBar } from './uptime.js';

// The public page, server-rendered: plain HTML and one inline stylesheet, no JavaScript, readable
// by any browser, screen reader or text-mode client. Every string people typed goes through `e`.

export const HISTORY_PAGE_SIZE = 20;

const STATUS_COLORS: Record<ComponentStatus, string> = {
  operational: '#1a7f37',
  under_maintenance: '#0969da',
  degraded_performance: '#9a6700',
  partial_outage: '#bc4c00',
  major_outage: '#cf222e',
};
const INDICATOR_COLORS: Record<Indicator, string> = {
  none: '#1a7f37',
  minor: '#9a6700',
  major: '#bc4c00',
  critical: '#cf222e',
  maintenance: '#0969da',
};
const NO_DATA = '#d0d7de';

export const renderUpdateBody = (body: string): string => textToHtml(body);

/** Links are relative to where the page is served: `/status` on the main host, `/` on the page's own host. */
const home = (prefix: string) => prefix || '/';

function layout(model: PageModel, prefix: string, title: string, main: string): string {
  const s = model.settings;
  const logo = s.logo_url
    ? `<img src="${e(s.logo_url)}" alt="${e(s.name)}" class="logo">`
    : `<span class="name">${e(s.name)}</span>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title>
<link rel="alternate" type="application/rss+xml" title="${e(s.name)} status (RSS)" href="${prefix}/feed.rss">
<link rel="alternate" type="application/atom+xml" title="${e(s.name)} status (Atom)" href="${prefix}/feed.atom">
<style>
:root{--brand:${s.brand_color};--bg:${s.background_color};--fg:${s.text_color}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main,header,footer{max-width:860px;margin:0 auto;padding:0 16px}header{display:flex;align-items:center;justify-content:space-between;padding-top:24px;padding-bottom:16px}
.logo{max-height:48px;max-width:240px}.name{font-size:1.5rem;font-weight:700}a{color:var(--brand)}
.banner{color:#fff;border-radius:6px;padding:16px 20px;font-size:1.25rem;font-weight:600;margin:16px 0}
section{margin:28px 0}h2{font-size:1.15rem;margin:0 0 12px}.card{border:1px solid #d0d7de;border-radius:6px;margin-bottom:12px}
.row{padding:12px 16px;border-top:1px solid #d0d7de}.row:first-child{border-top:0}.row .top{display:flex;justify-content:space-between;gap:12px}
.status{font-weight:600;white-space:nowrap}.muted{color:#57606a;font-size:.875rem}.group{font-weight:700;background:rgba(0,0,0,.03)}
.bars{display:flex;gap:2px;height:28px;margin-top:8px}.bars span{flex:1;border-radius:2px}.legend{display:flex;justify-content:space-between}
.update{margin:10px 0}.update p{margin:4px 0}.impact-none{border-left:4px solid #57606a}.impact-minor{border-left:4px solid #9a6700}
.impact-major{border-left:4px solid #bc4c00}.impact-critical{border-left:4px solid #cf222e}.impact-maintenance{border-left:4px solid #0969da}
form.subscribe{display:flex;flex-wrap:wrap;gap:8px;align-items:center}input[type=email]{padding:8px;min-width:260px;border:1px solid #d0d7de;border-radius:6px}
button{padding:8px 14px;border:0;border-radius:6px;background:var(--brand);color:#fff;font-weight:600;cursor:pointer}
details{margin-top:8px}.pager{display:flex;justify-content:space-between;margin:16px 0}footer{padding-bottom:32px;font-size:.875rem}
</style></head>
<body><header><a href="${home(prefix)}" style="text-decoration:none;color:inherit">${logo}</a><a href="#subscribe">Subscribe to updates</a></header>
<main>${main}</main>
<footer class="muted"><a href="${prefix}/history">Incident history</a> · <a href="${prefix}/feed.rss">RSS</a> · <a href="${prefix}/feed.atom">Atom</a> · <a href="/api/v2/summary.json">JSON API</a>${
    s.support_url ? ` · <a href="${e(s.support_url)}">Get help</a>` : ''
  }<br>Times in ${e(s.time_zone)}. Last updated ${e(formatTime(model.updatedAt, s.time_zone))}.</footer>
</body></html>`;
}

function updatesHtml(model: PageModel, i: IncidentModel): string {
  return i.updates
    .map((u) => {
      const changes = componentChangesOf(u);
      const changed = changes.length
        ? `<p class="muted">${changes
            .map((c) => `${e(c.name)}: ${e(COMPONENT_STATUS_LABELS[c.newStatus])}`)
            .join(' · ')}</p>`
        : '';
      return `<div class="update"><strong>${e(statusWord(u.status))}</strong> — ${renderUpdateBody(u.body)}${changed}<p class="muted">${e(
        formatTime(u.created_at, model.settings.time_zone),
      )}</p></div>`;
    })
    .join('');
}

function affectedNames(model: PageModel, i: IncidentModel): string {
  const names = i.components.flatMap((a) => model.components.find((c) => c.id === a.componentId)?.name ?? []);
  return names.length ? `<p class="muted">Affects: ${names.map(e).join(', ')}</p>` : '';
}

function incidentCard(model: PageModel, prefix: string, i: IncidentModel, full: boolean): string {
  const impact = i.row.kind === 'maintenance' ? 'maintenance' : i.row.impact;
  const window =
    i.row.kind === 'maintenance' && i.row.scheduled_for && i.row.scheduled_until
      ? `<p class="muted">Scheduled ${e(formatTime(i.row.scheduled_for, model.settings.time_zone))} – ${e(
          formatTime(i.row.scheduled_until, model.settings.time_zone),
        )}</p>`
      : '';
  const updates = full ? updatesHtml(model, i) : latestUpdate(model, i);
  return `<div class="card impact-${impact}"><div class="row"><div class="top"><a href="${prefix}/incidents/${e(
    i.row.id,
  )}"><strong>${e(i.row.name)}</strong></a><span class="status">${e(statusWord(i.row.status))}</span></div>${window}${affectedNames(
    model,
    i,
  )}${updates}</div></div>`;
}

function latestUpdate(model: PageModel, i: IncidentModel): string {
  const u = i.updates[0];
  if (!u) return '';
  return `<div class="update">${renderUpdateBody(u.body)}<p class="muted">${e(statusWord(u.status))} · ${e(
    formatTime(u.created_at, model.settings.time_zone),
  )}</p></div>`;
}

function bars(days: DayBar[]): string {
  return days
    .map((d) => {
      const color = d.worst ? STATUS_COLORS[d.worst] : NO_DATA;
      const label =
        d.uptime === null
          ? `${d.date}: no data`
          : `${d.date}: ${d.uptime}% uptime${d.worst && d.worst !== 'operational' ? `, ${COMPONENT_STATUS_LABELS[d.worst].toLowerCase()}` : ''}`;
      return `<span style="background:${color}" title="${e(label)}"></span>`;
    })
    .join('');
}

const visibleOnPage = (c: ComponentRow) =>
  c.showcase === 1 && !(c.only_show_if_degraded === 1 && c.status === 'operational');

function componentRow(model: PageModel, c: ComponentRow): string {
  const uptime = model.uptime.get(c.id);
  const days = uptime?.days ?? [];
  return `<div class="row"><div class="top"><span>${e(c.name)}${
    c.description ? `<br><span class="muted">${e(c.description)}</span>` : ''
  }</span><span class="status" style="color:${STATUS_COLORS[c.status]}">${e(COMPONENT_STATUS_LABELS[c.status])}</span></div>
<div class="bars" role="img" aria-label="${e(`${c.name}: ${uptime?.percent ?? 'no'}% uptime over ${days.length} days`)}">${bars(days)}</div>
<div class="legend muted"><span>${days.length} days ago</span><span>${uptime?.percent === null || uptime?.percent === undefined ? 'no data' : `${uptime.percent}% uptime`}</span><span>Today</span></div></div>`;
}

function componentsHtml(model: PageModel): string {
  type Entry = { position: number; html: string };
  const entries: Entry[] = [];
  for (const g of model.groups) {
    const members = model.components.filter((c) => c.group_id === g.id && visibleOnPage(c));
    if (members.length === 0) continue;
    const worst = worstComponentStatus(members.map((c) => c.status));
    entries.push({
      position: g.position,
      html: `<div class="card"><div class="row group"><div class="top"><span>${e(g.name)}</span><span class="status" style="color:${STATUS_COLORS[worst]}">${e(
        COMPONENT_STATUS_LABELS[worst],
      )}</span></div>${g.description ? `<span class="muted">${e(g.description)}</span>` : ''}</div>${members
        .map((c) => componentRow(model, c))
        .join('')}</div>`,
    });
  }
  const loose = model.components.filter((c) => c.group_id === null && visibleOnPage(c));
  for (const c of loose)
    entries.push({ position: c.position, html: `<div class="card">${componentRow(model, c)}</div>` });
  return entries
    .sort((a, b) => a.position - b.position)
    .map((x) => x.html)
    .join('');
}

function subscribeForm(model: PageModel, prefix: string): string {
  const options = model.components
    .filter((c) => c.showcase === 1)
    .map((c) => `<label><input type="checkbox" name="componentIds" value="${e(c.id)}"> ${e(c.name)}</label><br>`)
    .join('');
  return `<section id="subscribe"><h2>Get updates by email</h2>
<form class="subscribe" method="post" action="${prefix}/subscribe"><input type="email" name="email" required maxlength="254" placeholder="you@example.com" aria-label="Email address"><button type="submit">Subscribe</button>
${options ? `<details><summary>Only some components</summary>${options}</details>` : ''}</form>
<p class="muted">We send a confirmation link first. Every email has an unsubscribe link.</p></section>`;
}

/** The status page itself. */
export function renderStatusPage(model: PageModel, prefix: string): string {
  const open = model.incidents.filter(isOpenIncident);
  const active = model.incidents.filter(isActiveMaintenance);
  const upcoming = model.incidents.filter(isUpcomingMaintenance).reverse();
  const recent = model.incidents
    .filter((i) => !isOpenIncident(i) && !isActiveMaintenance(i) && !isUpcomingMaintenance(i))
    .slice(0, 5);
  const section = (title: string, items: IncidentModel[], full: boolean) =>
    items.length
      ? `<section><h2>${title}</h2>${items.map((i) => incidentCard(model, prefix, i, full)).join('')}</section>`
      : '';
  const main = `<div class="banner" style="background:${INDICATOR_COLORS[model.overall.indicator]}">${e(model.overall.description)}</div>
${section('Current incidents', open, true)}${section('Maintenance in progress', active, true)}
<section><h2>Components</h2>${componentsHtml(model) || '<p class="muted">No components yet.</p>'}</section>
${section('Upcoming maintenance', upcoming, false)}
<section><h2>Recent history</h2>${
    recent.length
      ? recent.map((i) => incidentCard(model, prefix, i, false)).join('')
      : '<p class="muted">No incidents reported.</p>'
  }<p><a href="${prefix}/history">All past incidents</a></p></section>
${subscribeForm(model, prefix)}`;
  return layout(model, prefix, `${model.settings.name} status`, main);
}

/** Past incidents and maintenance, newest first, HISTORY_PAGE_SIZE at a time (page 1 is the newest). */
export function renderHistoryPage(model: PageModel, prefix: string, page: number): string | null {
  const past = model.incidents.filter((i) => !isUpcomingMaintenance(i));
  const pages = Math.max(1, Math.ceil(past.length / HISTORY_PAGE_SIZE));
  if (page > pages) return null;
  const items = past.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE);
  const pager = `<div class="pager"><span>${page > 1 ? `<a href="${prefix}/history?page=${page - 1}">Newer</a>` : ''}</span><span class="muted">Page ${page} of ${pages}</span><span>${
    page < pages ? `<a href="${prefix}/history?page=${page + 1}">Older</a>` : ''
  }</span></div>`;
  const main = `<h1>Incident history</h1>${
    items.length
      ? items.map((i) => incidentCard(model, prefix, i, false)).join('')
      : '<p class="muted">No incidents reported.</p>'
  }${pager}`;
  return layout(model, prefix, `${model.settings.name} status — history`, main);
}

/** One incident or maintenance: every update, and the incident report once published. */
export function renderIncidentPage(model: PageModel, prefix: string, i: IncidentModel): string {
  const report = i.report
    ? `<section><h2>Incident report</h2>${REPORT_HEADINGS.filter(([key]) => reportText(i, key).trim())
        .map(([key, heading]) => `<h3>${e(heading)}</h3>${textToHtml(reportText(i, key))}`)
        .join('')}</section>`
    : '';
  const impact = i.row.kind === 'maintenance' ? 'Scheduled maintenance' : `Impact: ${i.row.impact}`;
  const main = `<p><a href="${home(prefix)}">← Current status</a></p><h1>${e(i.row.name)}</h1>
<p class="muted">${e(impact)} · ${e(statusWord(i.row.status))}</p>${affectedNames(model, i)}
${report}<section><h2>Updates</h2>${updatesHtml(model, i)}</section>`;
  return layout(model, prefix, `${i.row.name} — ${model.settings.name} status`, main);
}

function reportText(i: IncidentModel, key: (typeof REPORT_HEADINGS)[number][0]): string {
  const r = i.report!;
  const map = {
    apology: r.apology,
    whatHappened: r.what_happened,
    rootCause: r.root_cause,
    whatWeFixed: r.what_we_fixed,
    prevention: r.prevention,
  };
  return map[key];
}

/** A short page in the page's look: sign-up answers, confirmation and unsubscribe steps. */
export function renderNotice(model: PageModel, prefix: string, title: string, bodyHtml: string): string {
  return layout(
    model,
    prefix,
    `${title} — ${model.settings.name} status`,
    `<h1>${e(title)}</h1>${bodyHtml}<p><a href="${home(prefix)}">Back to the status page</a></p>`,
  );
}
