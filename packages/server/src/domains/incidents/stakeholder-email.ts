import { formatIncidentNumber } from '@firebreak/shared';
import { DateTime } from 'luxon';
import type { IncidentRow, SeverityRow, StatusUpdateRow } from './incidents.model.js';

/**
 * The stakeholder email of one status update, following the update template (time, current status,
 * impact, next update), with times in the organisation's time zone. Plain text: it reads the same
 * in every mail client and on a phone at 3 a.m.
 */
export function stakeholderEmail(
  incident: IncidentRow,
  severity: SeverityRow | undefined,
  update: StatusUpdateRow,
  options: { zone: string; publicUrl: string },
) {
  const number = formatIncidentNumber(incident.number);
  // The zone's IANA name, not an abbreviation: "CET" and "GMT+1" read differently across ICU builds.
  const when = (ms: number) =>
    `${DateTime.fromMillis(ms, { zone: options.zone }).toFormat('yyyy-LL-dd HH:mm')} ${options.zone}`;
  const subject = `[${number}]${severity ? ` ${severity.name}` : ''} update: ${incident.title}`;
  const text = [
    `${number} · ${severity?.name ?? 'no severity'} · ${incident.status}`,
    incident.title,
    '',
    `Time: ${when(update.posted_at)}`,
    `Current status: ${update.current_status}`,
    `Impact: ${update.impact || 'being assessed'}`,
    `Next update: ${update.next_update_at ? when(update.next_update_at) : 'when there is news'}`,
    '',
    `Follow the incident: ${options.publicUrl}/incidents/${number}`,
    'You receive this because you subscribed to this incident.',
  ].join('\n');
  return { subject, text };
}
