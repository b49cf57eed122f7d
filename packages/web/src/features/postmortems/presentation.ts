import type { ActionItemKind, ActionItemPriority, ActionItemStatus, PostmortemStatus } from '@firebreak/shared';

// How postmortems and action items read on screen, in one place so the repository, the editor and
// the board say the same thing the same way.

export const PM_STATUS_LABEL: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
};

export const PM_STATUS_COLOR: Record<PostmortemStatus, string> = {
  draft: 'yellow',
  in_review: 'blue',
  published: 'green',
};

export const ITEM_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  wont_do: 'Won’t do',
};

export const ITEM_STATUS_COLOR: Record<ActionItemStatus, string> = {
  open: 'gray',
  in_progress: 'blue',
  blocked: 'orange',
  done: 'green',
  wont_do: 'gray',
};

export const PRIORITY_LABEL: Record<ActionItemPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const PRIORITY_COLOR: Record<ActionItemPriority, string> = { high: 'red', medium: 'yellow', low: 'gray' };

export const KIND_LABEL: Record<ActionItemKind, string> = { immediate: 'Immediate', long_term: 'Long-term' };

/** Categories people reach for first; any other lower-case key is accepted too. */
export const COMMON_FACTORS = [
  'deployment',
  'configuration',
  'monitoring',
  'alerting',
  'capacity',
  'dependency',
  'process',
  'documentation',
  'testing',
  'communication',
];

export const TRACKER_LABEL = { jira: 'Jira', linear: 'Linear', github: 'GitHub' } as const;

/** `<input type="date">` value of an ISO time, in the reader's calendar. */
export function toDateInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A due date picked as a day means the end of that working day (17:00 local), as people read it. */
export function dateInputToIso(value: string): string | null {
  if (!value) return null;
  const ms = new Date(`${value}T17:00`).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Options for a Select built from a label map. */
export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
