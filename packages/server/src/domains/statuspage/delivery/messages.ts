import type { ReportSections } from '@firebreak/shared';
import { escapeHtml, textToHtml } from '../public/escape.js';
import { formatTime, statusWord } from '../public/format.js';

// Subscriber emails: plain text for every client, and an HTML part built only from escaped text.
// Every message but the confirmation request carries its unsubscribe link.

export type Email = { subject: string; text: string; html: string };

type IncidentLike = { id: string; kind: 'incident' | 'maintenance'; name: string; status: string };

function layout(pageName: string, bodyHtml: string, footerHtml: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:600px;margin:auto">
<h2>${escapeHtml(pageName)}</h2>${bodyHtml}<hr><p style="color:#666;font-size:12px">${footerHtml}</p></body></html>`;
}

const footer = (unsubscribeUrl: string) => ({
  text: `You receive this because you subscribed to status updates.\nUnsubscribe: ${unsubscribeUrl}`,
  html: `You receive this because you subscribed to status updates. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a>`,
});

export function updateEmail(options: {
  pageName: string;
  pageUrl: string;
  incident: IncidentLike;
  update: { status: string; body: string; created_at: number };
  zone: string;
  unsubscribeUrl: string;
}): Email {
  const { incident, update } = options;
  const link = `${options.pageUrl}/incidents/${incident.id}`;
  const label = incident.kind === 'maintenance' ? 'Maintenance' : 'Incident';
  const subject = `[${options.pageName}] ${statusWord(update.status)}: ${incident.name}`;
  const when = formatTime(update.created_at, options.zone);
  const foot = footer(options.unsubscribeUrl);
  const text = [
    `${label}: ${incident.name}`,
    `${statusWord(update.status)} — ${when}`,
    '',
    update.body,
    '',
    `Details: ${link}`,
    '',
    foot.text,
  ].join('\n');
  const html = layout(
    options.pageName,
    `<h3>${escapeHtml(incident.name)}</h3><p><strong>${escapeHtml(statusWord(update.status))}</strong> — ${escapeHtml(when)}</p>${textToHtml(update.body)}<p><a href="${escapeHtml(link)}">Details</a></p>`,
    foot.html,
  );
  return { subject, text, html };
}

export const REPORT_HEADINGS: [keyof ReportSections, string][] = [
  ['apology', 'We are sorry'],
  ['whatHappened', 'What happened'],
  ['rootCause', 'Why it happened'],
  ['whatWeFixed', 'What we fixed'],
  ['prevention', 'What we are doing to prevent it'],
];

export function reportEmail(options: {
  pageName: string;
  pageUrl: string;
  incident: IncidentLike;
  report: ReportSections;
  unsubscribeUrl: string;
}): Email {
  const link = `${options.pageUrl}/incidents/${options.incident.id}`;
  const foot = footer(options.unsubscribeUrl);
  const sections = REPORT_HEADINGS.filter(([key]) => options.report[key].trim());
  const text = [
    `Incident report: ${options.incident.name}`,
    '',
    ...sections.flatMap(([key, heading]) => [heading, options.report[key], '']),
    `Read it online: ${link}`,
    '',
    foot.text,
  ].join('\n');
  const html = layout(
    options.pageName,
    `<h3>Incident report: ${escapeHtml(options.incident.name)}</h3>${sections
      .map(([key, heading]) => `<h4>${escapeHtml(heading)}</h4>${textToHtml(options.report[key])}`)
      .join('')}<p><a href="${escapeHtml(link)}">Read it online</a></p>`,
    foot.html,
  );
  return { subject: `[${options.pageName}] Incident report: ${options.incident.name}`, text, html };
}

export function confirmEmail(options: { pageName: string; confirmUrl: string }): Email {
  const text = [
    `Please confirm that you want status updates from ${options.pageName}:`,
    options.confirmUrl,
    '',
    'If you did not ask for this, ignore this email: nothing will be sent unless you confirm.',
  ].join('\n');
  const html = layout(
    options.pageName,
    `<p>Please confirm that you want status updates from ${escapeHtml(options.pageName)}.</p><p><a href="${escapeHtml(options.confirmUrl)}">Confirm my subscription</a></p>`,
    'If you did not ask for this, ignore this email: nothing will be sent unless you confirm.',
  );
  return { subject: `Confirm your subscription to ${options.pageName}`, text, html };
}
