import type {
  Adherence,
  CadenceFigures,
  IncidentFigures,
  OncallLoadFigures,
  PostmortemFigures,
  ResponseFigures,
  SummaryFigures,
} from '@firebreak/shared';

// Each figure group as one CSV table: the same rows the web page shows beside its chart.
// Durations are in minutes, shares in percent, so a spreadsheet shows them without formulas.

type Cell = string | number | null;

// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula.
function cell(value: Cell): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

const minutes = (ms: number | null) => (ms == null ? null : Math.round(ms / 6000) / 10);
const percent = (v: number | null) => (v == null ? null : Math.round(v * 1000) / 10);

export function incidentsCsv(f: IncidentFigures): string {
  const keys = f.bySeverity.map((s) => s.severity);
  return csv(
    ['week_start', ...keys, 'total'],
    f.weeks.map((w) => [w.weekStart, ...w.bySeverity.map((s) => s.count), w.total]),
  );
}

export function responseCsv(f: ResponseFigures): string {
  return csv(
    ['week_start', 'incidents', 'mtta_p50_min', 'mtta_p90_min', 'mttr_p50_min', 'mttr_p90_min'],
    f.weeks.map((w) => [
      w.weekStart,
      w.incidents,
      minutes(w.mttaP50Ms),
      minutes(w.mttaP90Ms),
      minutes(w.mttrP50Ms),
      minutes(w.mttrP90Ms),
    ]),
  );
}

export function oncallLoadCsv(f: OncallLoadFigures): string {
  const hours = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
  return csv(
    ['person', 'time_zone', 'pages', 'outside_working_hours', 'sleep_hours', 'acknowledged', 'ack_p50_min', ...hours],
    f.people.map((p) => [
      p.user.name,
      p.timeZone,
      p.pages,
      p.outsideWorkingHours,
      p.sleepHours,
      p.acknowledged,
      minutes(p.acknowledgeP50Ms),
      ...p.hours,
    ]),
  );
}

export function cadenceCsv(f: CadenceFigures): string {
  const row = (severity: string, cadence: number | null, audience: string, a: Adherence): Cell[] => [
    severity,
    cadence,
    audience,
    a.incidents,
    a.posted,
    a.onTime,
    a.late,
    percent(a.adherence),
    minutes(a.longestSilenceMs),
  ];
  return csv(
    [
      'severity',
      'cadence_min',
      'audience',
      'incidents',
      'posted',
      'on_time',
      'late',
      'on_time_pct',
      'longest_silence_min',
    ],
    [
      ...f.bySeverity.flatMap((s) => [
        row(s.severity, s.cadenceMinutes, 'stakeholders', s.stakeholders),
        row(s.severity, s.cadenceMinutes, 'public', s.public),
      ]),
      row('all', null, 'stakeholders', f.stakeholders),
      row('all', null, 'public', f.public),
    ],
  );
}

export function postmortemsCsv(f: PostmortemFigures): string {
  return csv(
    ['metric', 'value'],
    [
      ['postmortems_required', f.required],
      ['postmortems_started', f.started],
      ['postmortems_published', f.published],
      ['completion_pct', percent(f.completion)],
      ['time_to_publish_p50_min', minutes(f.timeToPublish.p50Ms)],
      ['time_to_publish_p90_min', minutes(f.timeToPublish.p90Ms)],
      ['action_items_opened', f.actionItems.opened],
      ['action_items_closed', f.actionItems.closed],
      ['action_items_overdue', f.actionItems.overdue],
      ...f.factors.map((x): Cell[] => [`factor:${x.category}`, x.count]),
      ...f.tags.map((x): Cell[] => [`tag:${x.tag}`, x.count]),
    ],
  );
}

export function summaryCsv(f: SummaryFigures): string {
  const rows: [string, (k: SummaryFigures['current']) => Cell][] = [
    ['incidents', (k) => k.incidents],
    ['mtta_p50_min', (k) => minutes(k.mttaP50Ms)],
    ['mttr_p50_min', (k) => minutes(k.mttrP50Ms)],
    ['mttr_p90_min', (k) => minutes(k.mttrP90Ms)],
    ['pages', (k) => k.pages],
    ['sleep_hour_pages', (k) => k.sleepHourPages],
    ['update_cadence_on_time_pct', (k) => percent(k.cadenceAdherence)],
    ['postmortem_completion_pct', (k) => percent(k.postmortemCompletion)],
    ['action_items_overdue', (k) => k.actionItemsOverdue],
    ['customer_reported_pct', (k) => percent(k.customerReportedShare)],
  ];
  return csv(
    ['metric', 'current', 'previous'],
    rows.map(([name, get]) => [name, get(f.current), get(f.previous)]),
  );
}
