import type { ProcessFigures } from '@firebreak/shared';

// How the incident process went, from the incident's own record. Pure: the inputs are read by
// incident-facts.ts, the outputs pre-fill the "How our incident process worked" section.

export type FigureInputs = {
  source: string;
  detectedAt: number | null;
  declaredAt: number | null;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  cadenceMinutes: number | null;
  /** Times status updates were posted, any audience. */
  updateTimes: number[];
  overdueReminders: number;
  /** Every role holder over the incident's life, in assignment order. */
  roles: { role: string; person: string }[];
};

const span = (from: number | null, to: number | null): number | null =>
  from != null && to != null && to >= from ? to - from : null;

/**
 * @example
 * computeFigures({ declaredAt: 0, resolvedAt: 3_600_000, cadenceMinutes: 30, updateTimes: [600_000], … })
 * // updatesDue 2, updatesPosted 1, longestSilenceMs 3_000_000, cadenceHeld false
 */
export function computeFigures(input: FigureInputs): ProcessFigures {
  const start = input.declaredAt;
  const end = input.resolvedAt;
  const cadenceMs = input.cadenceMinutes != null ? input.cadenceMinutes * 60_000 : null;
  let updatesPosted = 0;
  let updatesDue: number | null = null;
  let longestSilenceMs: number | null = null;
  if (start != null && end != null && end >= start) {
    const inside = input.updateTimes.filter((t) => t >= start && t <= end).sort((a, b) => a - b);
    updatesPosted = inside.length;
    if (cadenceMs) updatesDue = Math.floor((end - start) / cadenceMs);
    const points = [start, ...inside, end];
    longestSilenceMs = 0;
    for (let i = 1; i < points.length; i++) longestSilenceMs = Math.max(longestSilenceMs, points[i]! - points[i - 1]!);
  }
  const roles = new Map<string, string[]>();
  for (const r of input.roles) {
    const people = roles.get(r.role) ?? [];
    if (!people.includes(r.person)) people.push(r.person);
    roles.set(r.role, people);
  }
  return {
    timeToDeclareMs: span(input.detectedAt, input.declaredAt),
    timeToAcknowledgeMs: span(input.declaredAt, input.acknowledgedAt),
    timeToMitigateMs: span(input.detectedAt ?? input.declaredAt, input.mitigatedAt),
    timeToResolveMs: span(input.detectedAt ?? input.declaredAt, input.resolvedAt),
    updateCadenceMinutes: input.cadenceMinutes,
    updatesPosted,
    updatesDue,
    longestSilenceMs,
    cadenceHeld: cadenceMs != null && longestSilenceMs != null ? longestSilenceMs <= cadenceMs : null,
    overdueReminders: input.overdueReminders,
    roles: [...roles].map(([role, people]) => ({ role, people })),
    source: input.source,
  };
}

/** "45 min", "1 h 5 min", "2 d 3 h"; "0 min" under a minute. */
export function formatDuration(ms: number | null): string {
  if (ms == null) return 'n/a';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const SOURCES: Record<string, string> = {
  alert: 'an alert from monitoring',
  customer_report: 'a customer report',
  internal: 'someone inside the company noticing',
};

/** The figures as Markdown, the starting text of the process section (authors add their view). */
export function figuresMarkdown(f: ProcessFigures): string {
  const lines = [
    `- **Detection:** found through ${SOURCES[f.source] ?? f.source}.`,
    `- **Time to declare:** ${formatDuration(f.timeToDeclareMs)} (detected → declared)`,
    `- **Time to acknowledge:** ${formatDuration(f.timeToAcknowledgeMs)} (declared → commander)`,
    `- **Time to mitigate:** ${formatDuration(f.timeToMitigateMs)} (detected → impact stopped)`,
    `- **Time to resolve:** ${formatDuration(f.timeToResolveMs)} (detected → resolved)`,
  ];
  if (f.updateCadenceMinutes != null) {
    const held = f.cadenceHeld ? 'held' : 'did not hold';
    lines.push(
      `- **Status updates:** ${f.updatesPosted} posted, ${f.updatesDue ?? 0} due at one every ${f.updateCadenceMinutes} min; the cadence ${held}.`,
      `- **Longest silence:** ${formatDuration(f.longestSilenceMs)} without an update.`,
    );
  } else {
    lines.push(`- **Status updates:** ${f.updatesPosted} posted (no cadence expected for this severity).`);
  }
  if (f.overdueReminders > 0) lines.push(`- **Overdue-update reminders:** ${f.overdueReminders}.`);
  if (f.roles.length) {
    lines.push(
      `- **Roles:** ${f.roles.map((r) => `${r.role.replace(/_/g, ' ')}: ${r.people.join(', ')}`).join('; ')}.`,
    );
  }
  return `${lines.join('\n')}\n\nWhat worked in our process, and what should change?\n`;
}
