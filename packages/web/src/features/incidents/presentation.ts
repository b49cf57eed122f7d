import type { IncidentSource, IncidentStatus, SeverityRef } from '@firebreak/shared';

// How incidents read on screen: labels, colours and short durations, in one place so the list,
// the incident page and the triage queue say the same thing the same way.

export const STATUS_LABEL: Record<IncidentStatus, string> = {
  triage: 'Triage',
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
  declined: 'Declined',
  merged: 'Merged',
};

export const STATUS_COLOR: Record<IncidentStatus, string> = {
  triage: 'violet',
  investigating: 'red',
  identified: 'orange',
  monitoring: 'blue',
  resolved: 'green',
  closed: 'gray',
  declined: 'gray',
  merged: 'gray',
};

/** The button that moves an incident to a status, worded as the action a responder takes. */
export const TRANSITION_LABEL: Record<IncidentStatus, string> = {
  triage: 'Back to triage',
  investigating: 'Back to investigating',
  identified: 'Cause identified',
  monitoring: 'Mitigated: monitoring',
  resolved: 'Resolve',
  closed: 'Close',
  declined: 'Decline',
  merged: 'Merge…',
};

export const SOURCE_LABEL: Record<IncidentSource, string> = {
  internal: 'Noticed by someone inside',
  alert: 'Monitoring alert',
  customer_report: 'Customer report',
};

/** Rank 1 is the most severe; beyond the fourth every rank reads as the mildest. */
export function severityColor(severity: Pick<SeverityRef, 'rank'> | null | undefined): string {
  if (!severity) return 'gray';
  return ['red', 'orange', 'yellow', 'blue'][severity.rank - 1] ?? 'gray';
}

export const TIMELINE_KIND_LABEL: Record<string, string> = {
  declared: 'Declared',
  reported: 'Reported',
  note: 'Note',
  status_changed: 'Status',
  severity_changed: 'Severity',
  role_assigned: 'Role',
  role_relieved: 'Role',
  decision: 'Decision',
  status_update: 'Update',
  field_changed: 'Edit',
  services_changed: 'Services',
  subscriber_added: 'Subscriber',
  subscriber_removed: 'Subscriber',
  merged_in: 'Merged',
  update_overdue: 'Overdue',
  upgrade_prompt: 'Upgrade?',
};

/** Kinds a person filters the timeline by, grouped as people think of them. */
export const TIMELINE_FILTERS: { value: string; label: string; kinds: string[] }[] = [
  { value: 'notes', label: 'Notes', kinds: ['note'] },
  { value: 'updates', label: 'Status updates', kinds: ['status_update'] },
  { value: 'decisions', label: 'Decisions', kinds: ['decision'] },
  {
    value: 'lifecycle',
    label: 'Status & severity',
    kinds: ['declared', 'reported', 'status_changed', 'severity_changed', 'merged_in'],
  },
  { value: 'roles', label: 'Roles', kinds: ['role_assigned', 'role_relieved'] },
  { value: 'reminders', label: 'Reminders', kinds: ['update_overdue', 'upgrade_prompt'] },
];

export function kindLabel(kind: string): string {
  return TIMELINE_KIND_LABEL[kind] ?? kind.replaceAll('_', ' ');
}

/**
 * A duration as people say it under pressure: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
 *
 * @example
 * formatDuration(3 * 3600_000 + 5 * 60_000); // '3 h 5 min'
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * A countdown to `dueIso`: `in 4:07` (or `in 4 min` when not `precise`), `overdue by 3 min` once past.
 */
export function countdown(dueIso: string, now: number, precise = true): { text: string; overdue: boolean } {
  const left = Date.parse(dueIso) - now;
  const span = (ms: number) => (precise ? formatClock(ms) : formatDuration(ms));
  return left >= 0
    ? { text: `in ${span(left)}`, overdue: false }
    : { text: `overdue by ${span(-left)}`, overdue: true };
}

/** Minutes and seconds under an hour (`4:07`), so a countdown visibly moves; longer spans read as durations. */
function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s >= 3600) return formatDuration(ms);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A role key as a name when the catalogue does not know it (a deleted custom role). */
export function roleName(key: string, names: Map<string, string>): string {
  return names.get(key) ?? key.replaceAll('_', ' ');
}

/** `<input type="datetime-local">` works in local wall time; the API wants ISO-8601 with an offset. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The local wall time of `ms` as a `datetime-local` value (minutes precision). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A timeline time: the clock time for today, with the day otherwise. */
export function formatWhen(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  return d.toDateString() === new Date(now).toDateString() ? timeOnly.format(d) : dayAndTime.format(d);
}
