import type {
  ApiClient,
  CadenceFigures,
  DurationStats,
  IncidentFigures,
  KeyFigures,
  OncallLoadFigures,
  PostmortemFigures,
  ResponseFigures,
  SummaryFigures,
  Team,
} from '@firebreak/shared';
import { type Command, Option } from 'commander';
import { listAll, printJson } from '../output.js';
import { action, CliError } from '../remote.js';

// `firebreak report`: a monthly incident review a team can paste into its notes, built from the
// analytics API (the same figures as the web's Analytics page).

type Figures = {
  summary: SummaryFigures;
  incidents: IncidentFigures;
  response: ResponseFigures;
  load: OncallLoadFigures;
  cadence: CadenceFigures;
  postmortems: PostmortemFigures;
};
type Format = 'md' | 'csv' | 'json';

/** A day (`2026-03-01`, taken as UTC midnight) or a full ISO time. */
function parseDay(value: string, flag: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new CliError(`${flag}: "${value}" is not a date; use YYYY-MM-DD or ISO-8601`);
  return ms;
}

/** The calendar month before the one holding `now`, in UTC. */
export function lastMonth(now: Date): { from: number; to: number } {
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  return { from, to };
}

export function registerReportCommands(program: Command, api: () => ApiClient): void {
  program
    .command('report')
    .description('Incident review of a period (default: last calendar month), ready to paste into notes')
    .option('--from <date>', 'start, inclusive (YYYY-MM-DD, UTC midnight, or ISO-8601)')
    .option('--to <date>', 'end, exclusive (default: the start of this month, or a month after --from)')
    .option('--team <team>', 'team name, slug or id')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'csv', 'json']).default('md'))
    .action(
      action(async (options: { from?: string; to?: string; team?: string; format: Format }) => {
        const client = api();
        const range = lastMonth(new Date());
        const from = options.from ? parseDay(options.from, '--from') : range.from;
        const to = options.to
          ? parseDay(options.to, '--to')
          : options.from
            ? Date.UTC(new Date(from).getUTCFullYear(), new Date(from).getUTCMonth() + 1, new Date(from).getUTCDate())
            : range.to;
        if (from >= to) throw new CliError('--from must be before --to');
        let team: Team | undefined;
        if (options.team) {
          const key = options.team.toLowerCase();
          team = (await listAll<Team>(client, '/api/v1/teams')).find(
            (t) => t.id === options.team || t.slug === key || t.name.toLowerCase() === key,
          );
          if (!team) throw new CliError(`no team named "${options.team}"`);
        }
        const query = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), team: team?.id };
        const get = <T>(group: string) => client.get<T>(`/api/v1/analytics/${group}`, query);
        const [summary, incidents, response, load, cadence, postmortems] = await Promise.all([
          get<SummaryFigures>('summary'),
          get<IncidentFigures>('incidents'),
          get<ResponseFigures>('response'),
          get<OncallLoadFigures>('oncall-load'),
          get<CadenceFigures>('cadence'),
          get<PostmortemFigures>('postmortems'),
        ]);
        const figures: Figures = { summary, incidents, response, load, cadence, postmortems };
        if (options.format === 'json') return printJson(figures);
        process.stdout.write(options.format === 'csv' ? reportCsv(figures) : reportMarkdown(figures, team?.name));
      }),
    );
}

/** "45 min", "1 h 5 min", "2 d 3 h"; "-" when unknown. */
export function duration(ms: number | null): string {
  if (ms == null) return '-';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

const pct = (v: number | null) => (v == null ? '-' : `${Math.round(v * 100)}%`);
const day = (iso: string) => iso.slice(0, 10);
const cell = (s: string) => s.replaceAll('|', '\\|');
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

const KEY_ROWS: [string, (k: KeyFigures) => string][] = [
  ['Incidents', (k) => String(k.incidents)],
  ['MTTA p50', (k) => duration(k.mttaP50Ms)],
  ['MTTR p50', (k) => duration(k.mttrP50Ms)],
  ['MTTR p90', (k) => duration(k.mttrP90Ms)],
  ['Pages', (k) => String(k.pages)],
  ['Pages in sleep hours', (k) => String(k.sleepHourPages)],
  ['Stakeholder updates on time', (k) => pct(k.cadenceAdherence)],
  ['Postmortems published', (k) => pct(k.postmortemCompletion)],
  ['Action items overdue', (k) => String(k.actionItemsOverdue)],
  ['Customer-reported', (k) => pct(k.customerReportedShare)],
];

export function reportMarkdown(f: Figures, teamName?: string): string {
  const { current, previous } = f.summary;
  const stat = (label: string, s: DurationStats) => [
    label,
    String(s.count),
    duration(s.meanMs),
    duration(s.p50Ms),
    duration(s.p90Ms),
  ];
  const out = [
    `# Incident review ${day(current.from)} – ${day(new Date(Date.parse(current.to) - 1).toISOString())}${teamName ? ` (${teamName})` : ''}`,
    '',
    '## Key figures',
    '',
    table(
      [
        '',
        'this period',
        `previous (${day(previous.from)} – ${day(new Date(Date.parse(previous.to) - 1).toISOString())})`,
      ],
      KEY_ROWS.map(([label, get]) => [label, get(current), get(previous)]),
    ),
    '',
    '## Incidents by severity',
    '',
    table(
      ['Severity', 'Incidents'],
      f.incidents.bySeverity.map((s) => [s.name, String(s.count)]),
    ),
    '',
    `${f.incidents.customerReported} of ${f.incidents.count} found through a customer report (${pct(f.incidents.customerReportedShare)}).`,
    '',
    '## Response times',
    '',
    table(
      ['', 'incidents', 'mean', 'p50', 'p90'],
      [
        stat('Acknowledge (detected → commander)', f.response.acknowledge),
        stat('Assign a commander', f.response.assignCommander),
        stat('Mitigate (detected → impact stopped)', f.response.mitigate),
        stat('Resolve (detected → resolved)', f.response.resolve),
        stat('Acknowledge a page', f.response.pageAcknowledge),
      ],
    ),
    '',
    '## Status-update cadence',
    '',
    table(
      ['Severity', 'Every', 'Stakeholder updates on time', 'Public updates on time', 'Longest silence'],
      f.cadence.bySeverity
        .filter((s) => s.cadenceMinutes != null)
        .map((s) => [
          s.name,
          duration((s.cadenceMinutes ?? 0) * 60_000),
          `${s.stakeholders.onTime}/${s.stakeholders.posted} (${pct(s.stakeholders.adherence)})`,
          `${s.public.onTime}/${s.public.posted} (${pct(s.public.adherence)})`,
          duration(s.stakeholders.longestSilenceMs),
        ]),
    ),
    '',
    '## On-call load',
    '',
    f.load.people.length
      ? table(
          ['Person', 'Pages', 'Outside working hours', 'Sleep hours (22–07)', 'Ack p50'],
          f.load.people.map((p) => [
            p.user.name,
            String(p.pages),
            String(p.outsideWorkingHours),
            String(p.sleepHours),
            duration(p.acknowledgeP50Ms),
          ]),
        )
      : 'Nobody was paged.',
    '',
    '## Postmortems and action items',
    '',
    `- Postmortems: ${f.postmortems.published} of ${f.postmortems.required} required published (${pct(f.postmortems.completion)}); ${f.postmortems.started} started. Time to publish p50 ${duration(f.postmortems.timeToPublish.p50Ms)}.`,
    `- Action items: ${f.postmortems.actionItems.opened} opened, ${f.postmortems.actionItems.closed} closed, ${f.postmortems.actionItems.overdue} overdue.`,
    `- Top contributing factors: ${f.postmortems.factors.map((x) => `${x.category} (${x.count})`).join(', ') || '-'}`,
    `- Top tags: ${f.postmortems.tags.map((x) => `${x.tag} (${x.count})`).join(', ') || '-'}`,
    '',
  ];
  return `${out.join('\n')}\n`;
}

/** One table of metric / this period / previous period, durations in minutes. */
export function reportCsv(f: Figures): string {
  const minutes = (ms: number | null) => (ms == null ? '' : String(Math.round(ms / 6000) / 10));
  const share = (v: number | null) => (v == null ? '' : String(Math.round(v * 1000) / 10));
  const rows: [string, (k: KeyFigures) => string][] = [
    ['incidents', (k) => String(k.incidents)],
    ['mtta_p50_min', (k) => minutes(k.mttaP50Ms)],
    ['mttr_p50_min', (k) => minutes(k.mttrP50Ms)],
    ['mttr_p90_min', (k) => minutes(k.mttrP90Ms)],
    ['pages', (k) => String(k.pages)],
    ['sleep_hour_pages', (k) => String(k.sleepHourPages)],
    ['update_cadence_on_time_pct', (k) => share(k.cadenceAdherence)],
    ['postmortem_completion_pct', (k) => share(k.postmortemCompletion)],
    ['action_items_overdue', (k) => String(k.actionItemsOverdue)],
    ['customer_reported_pct', (k) => share(k.customerReportedShare)],
  ];
  const lines = [
    'metric,current,previous',
    ...rows.map(([name, get]) => `${name},${get(f.summary.current)},${get(f.summary.previous)}`),
    ...f.incidents.bySeverity.map((s) => `incidents_${s.severity},${s.count},`),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
