import { DateTime } from 'luxon';
import type { StatusUpdateRow, TimelineRow } from '../incidents/incidents.model.js';
import type { IncidentFacts } from './incident-reads.js';

// What Firebreak says in chat. Two audiences: the war room gets the technical detail as it
// happens; the announcements channel gets stakeholder updates in plain language, nothing else.

export type SlackMessage = { text: string; blocks?: unknown[] };

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
export const clockTime = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm ZZZZ');

/** The channel topic: what someone joining needs first. Slack allows 250 characters. */
export function topicOf(f: IncidentFacts): string {
  const parts = [f.severity?.name ?? 'No severity', f.status, `Commander: ${f.commander ?? 'none'}`, f.number];
  return clip(parts.join(' · '), 250);
}

export const ACTION = {
  join: 'incident_join',
  update: 'incident_post_update',
  ack: 'page_acknowledge',
  escalate: 'page_escalate',
} as const;

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** The pinned summary, edited in place (chat.update) whenever the incident changes. */
export function summaryMessage(f: IncidentFacts, zone: string): SlackMessage {
  const roles = f.roles.map((r) => `${r.role}: ${r.name}`).join('\n') || 'none';
  const due = f.nextUpdateDueAt ? clockTime(f.nextUpdateDueAt, zone) : 'none expected';
  const text = `${f.number} ${f.title} — ${f.severity?.name ?? 'no severity'}, ${f.status}`;
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(`${f.number}: ${f.title}`, 150) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Severity*\n${f.severity?.name ?? 'none'}` },
          { type: 'mrkdwn', text: `*Status*\n${f.status}` },
          { type: 'mrkdwn', text: `*Roles*\n${clip(roles, 1900)}` },
          { type: 'mrkdwn', text: `*Next update due*\n${due}` },
          { type: 'mrkdwn', text: `*Services*\n${clip(f.services.join(', ') || 'none named', 1900)}` },
          { type: 'mrkdwn', text: `*Visibility*\n${f.private ? 'private' : 'everyone'}` },
        ],
      },
      ...(f.summary ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(f.summary, 2900) } }] : []),
      {
        type: 'actions',
        elements: [
          button('Post an update', ACTION.update, f.id, 'primary'),
          { type: 'button', text: { type: 'plain_text', text: 'Open in Firebreak' }, url: f.url, action_id: 'open' },
        ],
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Kept current by Firebreak. React with the capture emoji to copy a message to the timeline.',
          },
        ],
      },
    ],
  };
}

const ICONS: Record<string, string> = {
  role_assigned: ':busts_in_silhouette:',
  role_relieved: ':busts_in_silhouette:',
  severity_changed: ':rotating_light:',
  status_changed: ':arrows_counterclockwise:',
  decision: ':scales:',
  status_update: ':mega:',
};

/** One timeline entry, as posted to the war room. Status updates carry the whole template. */
export function relayMessage(
  entry: TimelineRow,
  actor: string | null,
  update: StatusUpdateRow | undefined,
  zone: string,
): SlackMessage {
  const by = actor ? ` — ${actor}` : '';
  if (entry.kind === 'status_update' && update) {
    const next = update.next_update_at ? clockTime(update.next_update_at, zone) : 'none planned';
    const audience = update.audience === 'public' ? 'Public' : 'Stakeholder';
    const text = [
      `${ICONS.status_update} *${audience} update*${by}`,
      `*Time:* ${clockTime(update.posted_at, zone)}`,
      `*Current status:* ${update.current_status}`,
      `*Impact:* ${update.impact || 'not stated'}`,
      `*Next update:* ${next}`,
    ].join('\n');
    return { text: clip(text, 3900) };
  }
  const label = entry.kind === 'decision' ? '*Decision* ' : '';
  return { text: clip(`${ICONS[entry.kind] ?? ''} ${label}${entry.text}${by}`.trim(), 3900) };
}

/**
 * A stakeholder update in plain language for the announcements channel: what is happening, who is
 * affected, when the next word comes. No jargon from the war room, no roles, no internals.
 */
export function announcementMessage(
  incident: { number: string; title: string; id: string; status: string },
  update: StatusUpdateRow,
  zone: string,
  withButton: boolean,
): SlackMessage {
  const next = update.next_update_at
    ? `We will post the next update by ${clockTime(update.next_update_at, zone)}.`
    : incident.status === 'resolved'
      ? 'This is resolved; no further updates are planned.'
      : 'We will post again when there is news.';
  const text = [
    `*${incident.title}* (${incident.number}) — update at ${clockTime(update.posted_at, zone)}`,
    `*What is happening:* ${update.current_status}`,
    `*Who is affected:* ${update.impact || 'We are still working out who is affected.'}`,
    next,
  ].join('\n');
  if (!withButton) return { text };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(text, 2900) } },
      { type: 'actions', elements: [button('Join the incident', ACTION.join, incident.id)] },
    ],
  };
}
