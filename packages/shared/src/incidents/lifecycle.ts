import { z } from 'zod';

/**
 * Where an incident is in its life. `triage` holds reports nobody has confirmed yet; `declined` and
 * `merged` end a report (or a duplicate) without it ever being resolved.
 */
export const INCIDENT_STATUSES = [
  'triage',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
  'declined',
  'merged',
] as const;
export const IncidentStatus = z
  .enum(INCIDENT_STATUSES)
  .describe(
    'triage: reported, not yet confirmed; investigating → identified → monitoring: being worked on; resolved: service restored; closed: follow-up done; declined / merged: not an incident of its own',
  );
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** The legal next states of each state. Anything else is refused with the list of these. */
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  triage: ['investigating', 'declined', 'merged'],
  investigating: ['identified', 'monitoring', 'resolved', 'merged'],
  identified: ['investigating', 'monitoring', 'resolved', 'merged'],
  monitoring: ['investigating', 'identified', 'resolved', 'merged'],
  // Reopening goes back to investigating: a recurrence is worked like a fresh problem.
  resolved: ['closed', 'investigating'],
  closed: [],
  declined: [],
  merged: [],
};

/**
 * The states `from` may move to.
 *
 * @example
 * allowedTransitions('resolved'); // ['closed', 'investigating']
 */
export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Being worked on: people are paged, updates are due, the upgrade prompt may fire. */
export const ACTIVE_STATUSES = ['investigating', 'identified', 'monitoring'] as const satisfies IncidentStatus[];
export function isActive(status: IncidentStatus): boolean {
  return (ACTIVE_STATUSES as readonly IncidentStatus[]).includes(status);
}

/** Not finished: still in triage or being worked on. Merging targets must be open. */
export function isOpen(status: IncidentStatus): boolean {
  return status === 'triage' || isActive(status);
}

/** From investigating on an incident must have a commander. */
export function needsCommander(status: IncidentStatus): boolean {
  return isActive(status) || status === 'resolved' || status === 'closed';
}

/** The human number of an incident, e.g. `INC-42`. */
export const formatIncidentNumber = (n: number): string => `INC-${n}`;

/** Reads `INC-42`, `inc-42` or `42`; null for anything else. */
export function parseIncidentNumber(ref: string): number | null {
  const m = /^(?:inc-)?(\d{1,9})$/i.exec(ref.trim());
  return m ? Number(m[1]) : null;
}
