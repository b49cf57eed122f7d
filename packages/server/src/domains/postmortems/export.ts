import type { ActionItem, PostmortemDetail, PostmortemSection } from '@firebreak/shared';
import { DateTime } from 'luxon';
import { formatDuration } from './process-figures.js';
import { escapeHtml, renderSafeMarkdown, safeHref } from './safe-markdown.js';

// Markdown and standalone HTML exports of a postmortem, built from the presented detail (so only
// what the API shows can be exported). Times are shown in the organisation's time zone.

const when = (iso: string | null, zone: string) =>
  iso ? DateTime.fromISO(iso, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ') : '–';

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function itemLine(a: ActionItem, zone: string): string[] {
  return [
    a.title,
    a.kind === 'immediate' ? 'immediate' : 'long-term',
    a.priority,
    a.status.replace('_', ' '),
    a.owner?.name ?? 'unassigned',
    a.dueAt ? when(a.dueAt, zone) : '–',
  ];
}

/** What a structured section shows besides its text, as Markdown. */
function structuredMarkdown(section: PostmortemSection, pm: PostmortemDetail, zone: string): string {
  switch (section.kind) {
    case 'timeline':
      return [
        '| Time | Since previous | Who | What |',
        '| --- | --- | --- | --- |',
        ...pm.timeline.map(
          (e) =>
            `| ${when(e.happenedAt, zone)} | ${e.sincePreviousMs == null ? '' : `+${formatDuration(e.sincePreviousMs)}`} | ${cell(e.actor?.name ?? 'Firebreak')} | ${cell(e.text)} |`,
        ),
      ].join('\n');
    case 'five_whys':
      return pm.fiveWhys
        .map((chain, i) =>
          [
            `**Chain ${i + 1}: ${chain.problem}**`,
            '',
            ...chain.steps.map((s, n) => `${n + 1}. ${s.why} — ${s.because}`),
            ...(chain.systemicCause ? ['', `Systemic cause: ${chain.systemicCause}`] : []),
          ].join('\n'),
        )
        .join('\n\n');
    case 'contributing_factors':
      return pm.contributingFactors.map((f) => `- **${f.category}:** ${f.description}`).join('\n');
    case 'action_items':
      return pm.actionItems.length
        ? [
            '| Action | Kind | Priority | Status | Owner | Due | Tracker |',
            '| --- | --- | --- | --- | --- | --- | --- |',
            ...pm.actionItems.map((a) => `| ${[...itemLine(a, zone), a.trackerUrl ?? ''].map(cell).join(' | ')} |`),
          ].join('\n')
        : '';
    default:
      return '';
  }
}

function header(pm: PostmortemDetail, zone: string): string[] {
  return [
    `${pm.incident.number} · ${pm.incident.severity?.name ?? 'no severity'} · ${pm.status.replace('_', ' ')}`,
    `Services: ${pm.incident.services.map((s) => s.name).join(', ') || '–'} · Resolved: ${when(pm.incident.resolvedAt, zone)}${
      pm.publishedAt ? ` · Published: ${when(pm.publishedAt, zone)}` : ''
    }`,
    `Owner: ${pm.owner?.name ?? '–'} · Contributors: ${pm.contributors.map((c) => c.person.name).join(', ') || '–'}`,
  ];
}

export function postmortemMarkdown(pm: PostmortemDetail, zone: string): string {
  const out = [`# ${pm.title}`, '', ...header(pm, zone).map((l) => `${l}  `), ''];
  if (pm.tags.length) out.push(`Tags: ${pm.tags.join(', ')}`, '');
  for (const section of pm.sections) {
    out.push(`## ${section.title}`, '');
    const structured = structuredMarkdown(section, pm, zone);
    if (structured) out.push(structured, '');
    if (section.body.trim()) out.push(section.body.trim(), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function structuredHtml(section: PostmortemSection, pm: PostmortemDetail, zone: string): string {
  const e = escapeHtml;
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  switch (section.kind) {
    case 'timeline':
      return table(
        ['Time', 'Since previous', 'Who', 'What'],
        pm.timeline.map((t) => [
          e(when(t.happenedAt, zone)),
          t.sincePreviousMs == null ? '' : e(`+${formatDuration(t.sincePreviousMs)}`),
          e(t.actor?.name ?? 'Firebreak'),
          e(t.text),
        ]),
      );
    case 'five_whys':
      return pm.fiveWhys
        .map(
          (chain) =>
            `<div class="chain"><p><strong>${e(chain.problem)}</strong></p><ol>${chain.steps
              .map((s) => `<li><em>${e(s.why)}</em> — ${e(s.because)}</li>`)
              .join('')}</ol>${chain.systemicCause ? `<p>Systemic cause: ${e(chain.systemicCause)}</p>` : ''}</div>`,
        )
        .join('');
    case 'contributing_factors':
      return pm.contributingFactors.length
        ? `<ul>${pm.contributingFactors.map((f) => `<li><strong>${e(f.category)}:</strong> ${e(f.description)}</li>`).join('')}</ul>`
        : '';
    case 'action_items':
      return pm.actionItems.length
        ? table(
            ['Action', 'Kind', 'Priority', 'Status', 'Owner', 'Due', 'Tracker'],
            pm.actionItems.map((a) => {
              const href = a.trackerUrl ? safeHref(a.trackerUrl) : null;
              const link = href
                ? `<a href="${e(href)}" rel="noopener noreferrer nofollow">${e(a.tracker?.key ?? 'link')}</a>`
                : '';
              return [...itemLine(a, zone).map(e), link];
            }),
          )
        : '';
    default:
      return '';
  }
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1b1e}
h1{font-size:1.8rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}.meta{color:#555}
pre{background:#f4f4f5;padding:.75rem;overflow:auto}code{background:#f4f4f5;padding:0 .2rem}.chain{margin-bottom:1rem}`;

/**
 * A standalone HTML page: no scripts, no external resources, a Content-Security-Policy that forbids
 * both, and every piece of author text escaped (section Markdown through the safe subset renderer).
 */
export function postmortemHtml(pm: PostmortemDetail, zone: string): string {
  const e = escapeHtml;
  const sections = pm.sections
    .map((s) => `<section><h2>${e(s.title)}</h2>${structuredHtml(s, pm, zone)}${renderSafeMarkdown(s.body)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="referrer" content="no-referrer">
<title>${e(pm.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(pm.title)}</h1>
${header(pm, zone)
  .map((l) => `<p class="meta">${e(l)}</p>`)
  .join('\n')}
${pm.tags.length ? `<p class="meta">Tags: ${e(pm.tags.join(', '))}</p>` : ''}
${sections}
</body>
</html>
`;
}
