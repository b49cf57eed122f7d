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
  type DurationLists,
  type IncidentMeasure,
  incidentDurations,
  type SilenceRow,
  silenceAtEnd,
} from './incident-facts.repo.js';
import { isSleepHour, weekStarts } from './local-time.js';
import {
  acknowledgeTimes,
  countPages,
  loadByPerson,
  type PersonLoadRow,
  pageAcknowledgeTimes,
  peopleZones,
} from './page-load.repo.js';
import {
  countActionItems,
  countOverdueActionItems,
  countRequiredPostmortems,
  topFactors,
  topTags,
} from './postmortem-facts.repo.js';
import { rangeOf, type Scope, severitiesIn } from './scope.js';
import { durationStats, share } from './stats.js';

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

/** All the values of a measure, across the weeks' lists. */
const allOf = <M extends IncidentMeasure>(weeks: DurationLists<M>[], m: M) => weeks.flatMap((w) => w[m]);

export async function responseFigures(ex: Executor, scope: Scope): Promise<ResponseFigures> {
  const starts = weekStarts(scope.from, scope.to, scope.zone);
  const [weeks, pages] = await Promise.all([
    incidentDurations(ex, scope, ['acknowledge', 'assignCommander', 'mitigate', 'resolve'], starts),
    pageAcknowledgeTimes(ex, scope),
  ]);
  return {
    range: rangeOf(scope),
    acknowledge: durationStats(allOf(weeks, 'acknowledge')),
    assignCommander: durationStats(allOf(weeks, 'assignCommander')),
    mitigate: durationStats(allOf(weeks, 'mitigate')),
    resolve: durationStats(allOf(weeks, 'resolve')),
    pageAcknowledge: durationStats(pages),
    weeks: starts.map((start, w) => {
      const week = weeks.find((r) => r.w === w);
      const a = durationStats(week?.acknowledge ?? []);
      const r = durationStats(week?.resolve ?? []);
      return {
        weekStart: toIso(start),
        incidents: week?.incidents ?? 0,
        mttaP50Ms: a.p50Ms,
        mttaP90Ms: a.p90Ms,
        mttrP50Ms: r.p50Ms,
        mttrP90Ms: r.p90Ms,
      };
    }),
  };
}

export async function oncallLoadFigures(ex: Executor, scope: Scope): Promise<OncallLoadFigures> {
  const [rows, acks] = await Promise.all([loadByPerson(ex, scope), acknowledgeTimes(ex, scope)]);
  const people = await peopleZones(
    ex,
    rows.map((r) => r.user_id),
  );
  return loadOf(scope, rows, people, (userId) => durationStats(acks.get(userId) ?? []));
}

function loadOf(
  scope: Scope,
  rows: PersonLoadRow[],
  people: Map<string, { name: string; zone: string }>,
  acknowledgeOf: (userId: string) => DurationStats,
): OncallLoadFigures {
  const load = rows.map((r): PersonLoad => {
    const who = people.get(r.user_id);
    return {
      user: { id: r.user_id, name: who?.name ?? 'Unknown person' },
      timeZone: who?.zone ?? 'UTC',
      pages: r.pages,
      outsideWorkingHours: r.outside,
      sleepHours: r.hours.reduce((n, pages, hour) => (isSleepHour(hour) ? n + pages : n), 0),
      acknowledged: r.acknowledged,
      acknowledgeP50Ms: acknowledgeOf(r.user_id).p50Ms,
      hours: r.hours,
    };
  });
  const list = load.sort((a, b) => b.pages - a.pages || a.user.name.localeCompare(b.user.name));
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
  const [postmortems, actionItems, factors, tags] = await Promise.all([
    countRequiredPostmortems(ex, scope),
    countActionItems(ex, scope),
    topFactors(ex, scope),
    topTags(ex, scope),
  ]);
  return {
    range: rangeOf(scope),
    required: postmortems.required,
    started: postmortems.started,
    published: postmortems.published,
    completion: share(postmortems.published, postmortems.required),
    timeToPublish: durationStats(postmortems.publishTimes),
    actionItems,
    factors,
    tags,
  };
}

/**
 * The headline numbers of one range, from the same queries as the figure groups, leaving out what
 * the headline does not show (weekly series, per-person load, the top lists).
 */
export async function keyFigures(ex: Executor, scope: Scope): Promise<KeyFigures> {
  const [durations, pages, updates, postmortems, overdue] = await Promise.all([
    incidentDurations(ex, scope, ['acknowledge', 'resolve'], [scope.from]),
    countPages(ex, scope),
    cadenceOfUpdates(ex, scope, ['stakeholders']),
    countRequiredPostmortems(ex, scope),
    countOverdueActionItems(ex, scope),
  ]);
  const incidents = durations.reduce((n, r) => n + r.incidents, 0);
  const customer = durations.reduce((n, r) => n + r.customerReported, 0);
  const acknowledge = durationStats(allOf(durations, 'acknowledge'));
  const resolve = durationStats(allOf(durations, 'resolve'));
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
    postmortemCompletion: share(postmortems.published, postmortems.required),
    actionItemsOverdue: overdue,
    customerReportedShare: share(customer, incidents),
  };
}
