import type {
  Adherence,
  CadenceFigures,
  DurationStats,
  IncidentFigures,
  KeyFigures,
  OncallLoadFigures,
  PersonLoad,
  PostmortemFigures,
  ResponseFigures,
  UpdateAudience,
} from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { Executor } from '../../core/db/database.js';
import {
  type CadenceRow,
  cadenceOfUpdates,
  countIncidents,
  type IncidentMeasure,
  incidentDurations,
  type SilenceRow,
  silenceAtEnd,
} from './incident-facts.repo.js';
import { isSleepHour, weekIndex, weekStarts } from './local-time.js';
import {
  acknowledgeTimes,
  countPages,
  type HourLoad,
  loadByPersonHour,
  pageAcknowledgeTimes,
  peopleZones,
} from './page-load.repo.js';
import {
  countActionItems,
  countOverdueActionItems,
  listRequiredPostmortems,
  topFactors,
  topTags,
} from './postmortem-facts.repo.js';
import { rangeOf, type Scope, severitiesIn } from './scope.js';
import { durationStats, share, span } from './stats.js';

// Each figure group from a few aggregate queries; see README.md for the definition of every figure.

export async function incidentFigures(ex: Executor, scope: Scope): Promise<IncidentFigures> {
  const starts = weekStarts(scope.from, scope.to, scope.zone);
  const rows = await countIncidents(ex, scope, starts);
  const severities = severitiesIn(scope);
  const count = (match: (r: (typeof rows)[number]) => boolean) => rows.filter(match).reduce((n, r) => n + r.n, 0);
  const customerReported = count((r) => r.source === 'customer_report');
  const total = count(() => true);
  return {
    range: rangeOf(scope),
    count: total,
    bySeverity: severities.map((s) => ({
      severity: s.key,
      name: s.name,
      rank: s.rank,
      count: count((r) => r.severity_id === s.id),
    })),
    customerReported,
    customerReportedShare: share(customerReported, total),
    weeks: starts.map((start, w) => ({
      weekStart: toIso(start),
      total: count((r) => r.w === w),
      bySeverity: severities.map((s) => ({
        severity: s.key,
        count: count((r) => r.w === w && r.severity_id === s.id),
      })),
    })),
  };
}

type Durations = Awaited<ReturnType<typeof incidentDurations<IncidentMeasure>>>;
const valuesOf = <M extends IncidentMeasure>(rows: Record<M, number | null>[], m: M) =>
  rows
    .map((r) => r[m])
    .filter((v): v is number => v !== null)
    .map(Number);

export async function responseFigures(ex: Executor, scope: Scope): Promise<ResponseFigures> {
  const starts = weekStarts(scope.from, scope.to, scope.zone);
  const [rows, pages] = await Promise.all([
    incidentDurations(ex, scope, ['acknowledge', 'assignCommander', 'mitigate', 'resolve']),
    pageAcknowledgeTimes(ex, scope),
  ]);
  const weeks = starts.map(() => [] as Durations);
  for (const r of rows) weeks[weekIndex(starts, Number(r.declared_at))]?.push(r);
  return {
    range: rangeOf(scope),
    acknowledge: durationStats(valuesOf(rows, 'acknowledge')),
    assignCommander: durationStats(valuesOf(rows, 'assignCommander')),
    mitigate: durationStats(valuesOf(rows, 'mitigate')),
    resolve: durationStats(valuesOf(rows, 'resolve')),
    pageAcknowledge: durationStats(pages),
    weeks: starts.map((start, w) => {
      const a = durationStats(valuesOf(weeks[w]!, 'acknowledge'));
      const r = durationStats(valuesOf(weeks[w]!, 'resolve'));
      return {
        weekStart: toIso(start),
        incidents: weeks[w]!.length,
        mttaP50Ms: a.p50Ms,
        mttaP90Ms: a.p90Ms,
        mttrP50Ms: r.p50Ms,
        mttrP90Ms: r.p90Ms,
      };
    }),
  };
}

export async function oncallLoadFigures(ex: Executor, scope: Scope): Promise<OncallLoadFigures> {
  const [hours, acks] = await Promise.all([loadByPersonHour(ex, scope), acknowledgeTimes(ex, scope)]);
  const people = await peopleZones(ex, [...new Set(hours.map((h) => h.user_id))]);
  return loadOf(scope, hours, people, (userId) => durationStats(acks.get(userId) ?? []));
}

function loadOf(
  scope: Scope,
  hours: HourLoad[],
  people: Map<string, { name: string; zone: string }>,
  acknowledgeOf: (userId: string) => DurationStats,
): OncallLoadFigures {
  const load = new Map<string, PersonLoad>();
  for (const h of hours) {
    let person = load.get(h.user_id);
    if (!person) {
      const who = people.get(h.user_id);
      person = {
        user: { id: h.user_id, name: who?.name ?? 'Unknown person' },
        timeZone: who?.zone ?? 'UTC',
        pages: 0,
        outsideWorkingHours: 0,
        sleepHours: 0,
        acknowledged: 0,
        acknowledgeP50Ms: acknowledgeOf(h.user_id).p50Ms,
        hours: Array.from({ length: 24 }, () => 0),
      };
      load.set(h.user_id, person);
    }
    person.pages += h.pages;
    person.hours[h.hour] = (person.hours[h.hour] ?? 0) + h.pages;
    person.outsideWorkingHours += h.outside;
    person.acknowledged += h.acknowledged;
    if (isSleepHour(h.hour)) person.sleepHours += h.pages;
  }
  const list = [...load.values()].sort((a, b) => b.pages - a.pages || a.user.name.localeCompare(b.user.name));
  const sum = (get: (p: PersonLoad) => number) => list.reduce((n, p) => n + get(p), 0);
  return {
    range: rangeOf(scope),
    pages: sum((p) => p.pages),
    outsideWorkingHours: sum((p) => p.outsideWorkingHours),
    sleepHours: sum((p) => p.sleepHours),
    people: list,
  };
}

/** One severity's adherence for one audience, from its update and silence rows (either may be missing). */
function adherenceOf(
  updates: CadenceRow | undefined,
  silence: SilenceRow | undefined,
  audience: UpdateAudience,
): Adherence {
  const posted = updates?.posted ?? 0;
  const onTime = updates?.on_time ?? 0;
  const tail = silence?.[audience];
  const longest = [updates?.max_gap, tail].filter((v): v is number => v != null);
  return {
    // Public updates are expected only of some severities: the others have no silence to count.
    incidents: tail == null ? 0 : (silence?.incidents ?? 0),
    posted,
    onTime,
    late: posted - onTime,
    adherence: share(onTime, posted),
    longestSilenceMs: longest.length ? Math.max(...longest) : null,
  };
}

/** Several severities' adherence as one: counts add up, the longest silence is the longest of all. */
function combined(parts: Adherence[]): Adherence {
  const posted = parts.reduce((n, a) => n + a.posted, 0);
  const onTime = parts.reduce((n, a) => n + a.onTime, 0);
  const silences = parts.map((a) => a.longestSilenceMs).filter((v): v is number => v != null);
  return {
    incidents: parts.reduce((n, a) => n + a.incidents, 0),
    posted,
    onTime,
    late: posted - onTime,
    adherence: share(onTime, posted),
    longestSilenceMs: silences.length ? Math.max(...silences) : null,
  };
}

export async function cadenceFigures(ex: Executor, scope: Scope): Promise<CadenceFigures> {
  const [updates, silences] = await Promise.all([cadenceOfUpdates(ex, scope), silenceAtEnd(ex, scope)]);
  const of = (severityId: string, audience: UpdateAudience) =>
    adherenceOf(
      updates.find((r) => r.severity_id === severityId && r.audience === audience),
      silences.find((r) => r.severity_id === severityId),
      audience,
    );
  const bySeverity = severitiesIn(scope).map((s) => ({
    severity: s.key,
    name: s.name,
    rank: s.rank,
    cadenceMinutes: s.cadenceMinutes,
    stakeholders: of(s.id, 'stakeholders'),
    public: of(s.id, 'public'),
  }));
  return {
    range: rangeOf(scope),
    stakeholders: combined(bySeverity.map((s) => s.stakeholders)),
    public: combined(bySeverity.map((s) => s.public)),
    bySeverity,
  };
}

export async function postmortemFigures(ex: Executor, scope: Scope): Promise<PostmortemFigures> {
  const [required, actionItems, factors, tags] = await Promise.all([
    listRequiredPostmortems(ex, scope),
    countActionItems(ex, scope),
    topFactors(ex, scope),
    topTags(ex, scope),
  ]);
  const published = publishedOf(required);
  return {
    range: rangeOf(scope),
    required: required.length,
    started: required.filter((r) => r.postmortem_id !== null).length,
    published: published.length,
    completion: share(published.length, required.length),
    timeToPublish: durationStats(
      published.map((r) => span(r.resolved_at, r.published_at)).filter((v): v is number => v !== null),
    ),
    actionItems,
    factors,
    tags,
  };
}

const publishedOf = <T extends { status: string | null }>(rows: T[]) => rows.filter((r) => r.status === 'published');

/**
 * The headline numbers of one range, from the same queries as the figure groups, leaving out what
 * the headline does not show (weekly series, per-person load, the top lists).
 */
export async function keyFigures(ex: Executor, scope: Scope): Promise<KeyFigures> {
  const [durations, pages, updates, required, overdue] = await Promise.all([
    incidentDurations(ex, scope, ['acknowledge', 'resolve']),
    countPages(ex, scope),
    cadenceOfUpdates(ex, scope, ['stakeholders']),
    listRequiredPostmortems(ex, scope),
    countOverdueActionItems(ex, scope),
  ]);
  const incidents = durations.length;
  const customer = durations.filter((r) => r.source === 'customer_report').length;
  const acknowledge = durationStats(valuesOf(durations, 'acknowledge'));
  const resolve = durationStats(valuesOf(durations, 'resolve'));
  const onTime = updates.reduce((n, r) => n + r.on_time, 0);
  const posted = updates.reduce((n, r) => n + r.posted, 0);
  return {
    from: toIso(scope.from),
    to: toIso(scope.to),
    incidents,
    mttaP50Ms: acknowledge.p50Ms,
    mttrP50Ms: resolve.p50Ms,
    mttrP90Ms: resolve.p90Ms,
    pages: pages.pages,
    sleepHourPages: pages.sleep,
    cadenceAdherence: share(onTime, posted),
    postmortemCompletion: share(publishedOf(required).length, required.length),
    actionItemsOverdue: overdue,
    customerReportedShare: share(customer, incidents),
  };
}
