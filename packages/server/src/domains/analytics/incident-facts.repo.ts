import type { UpdateAudience } from '@firebreak/shared';
import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import { bucketOf, listOf, textList } from './buckets.js';
import { incidentsInScope, type Scope } from './scope.js';

// Read-only aggregate queries over the incidents domain's tables. Figures come from the incident
// row's own timestamps and the status-update rows, never from a scan of the timeline, and the
// database aggregates: a year of incidents comes back as a few hundred rows.

const declaredWeek = (starts: readonly number[]) => bucketOf(sql.ref('incidents.declared_at'), starts);

/** Incidents declared in the scope, counted by week (index into `starts`), severity and source. */
export async function countIncidents(ex: Executor, scope: Scope, starts: readonly number[]) {
  const rows = incidentsInScope(ex, scope).select([
    declaredWeek(starts).as('w'),
    'incidents.severity_id',
    'incidents.source',
  ]);
  const result = await sql<{ w: number; severity_id: string | null; source: string; n: number }>`
    select w, severity_id, source, count(*) as n from (${rows}) as d group by w, severity_id, source
  `.execute(ex);
  return result.rows.map((r) => ({ ...r, w: Number(r.w), n: Number(r.n) }));
}

/** Where the clock starts for MTTA, mitigation and MTTR: detection, or declaration when unknown. */
const START = sql`coalesce(incidents.detected_at, incidents.declared_at)`;

export const INCIDENT_MEASURES = {
  acknowledge: sql<number | null>`incidents.acknowledged_at - ${START}`,
  mitigate: sql<number | null>`incidents.mitigated_at - ${START}`,
  resolve: sql<number | null>`incidents.resolved_at - ${START}`,
  // acknowledged_at is when the first commander took it (declaration names one; a triage report
  // gets one when accepted), so no look into the role history is needed.
  assignCommander: sql<number | null>`incidents.acknowledged_at - incidents.created_at`,
};
export type IncidentMeasure = keyof typeof INCIDENT_MEASURES;

export type DurationLists<M extends IncidentMeasure> = {
  /** Index into the week starts. */
  w: number;
  incidents: number;
  customerReported: number;
} & Record<M, number[]>;

/**
 * The scope's incidents per week (index into `starts`; one bucket for `[scope.from]`): how many,
 * how many reported by customers, and each asked duration (ms) of those that reached it. The
 * values come as lists for percentiles taken in the process (SQLite has no percentile function).
 */
export async function incidentDurations<M extends IncidentMeasure>(
  ex: Executor,
  scope: Scope,
  measures: M[],
  starts: readonly number[],
): Promise<DurationLists<M>[]> {
  const rows = await incidentsInScope(ex, scope)
    .select([
      declaredWeek(starts).as('w'),
      sql<number>`count(*)`.as('incidents'),
      sql<number>`sum(case when incidents.source = 'customer_report' then 1 else 0 end)`.as('customerReported'),
      ...measures.map((m) => textList(INCIDENT_MEASURES[m]).as(m)),
    ])
    .groupBy(sql.ref('w'))
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, string | number | null>;
    return {
      w: Number(row.w),
      incidents: Number(row.incidents),
      customerReported: Number(row.customerReported),
      ...Object.fromEntries(measures.map((m) => [m, listOf(row[m] as string | null)])),
    } as DurationLists<M>;
  });
}

export type CadenceRow = {
  severity_id: string;
  audience: UpdateAudience;
  posted: number;
  on_time: number;
  max_gap: number | null;
};
export type SilenceRow = { severity_id: string; incidents: number; stakeholders: number | null; public: number | null };

/** Resolution, or now for an incident still open: where silence stops counting. */
const endOf = (scope: Scope) => sql`coalesce(incidents.resolved_at, ${sql.lit(scope.now)})`;

/**
 * Per severity with a cadence and per audience, the updates: how many, how many on time, and the
 * longest gap before one. The first update is due one cadence after declaration; each later one
 * when the previous promised (its next_update_at), else one cadence after it. Updates after
 * resolution (or before declaration) do not count; public ones only for severities expecting them.
 * Each update row carries its predecessor (the incidents domain writes it when posting), so this
 * is one aggregate over the range's updates, with no window to sort them by.
 */
export async function cadenceOfUpdates(
  ex: Executor,
  scope: Scope,
  audiences: UpdateAudience[] = ['stakeholders', 'public'],
): Promise<CadenceRow[]> {
  // A predecessor posted before declaration does not count, as that update itself would not.
  const counted = sql`u.previous_posted_at >= incidents.declared_at`;
  const since = sql`case when ${counted} then u.previous_posted_at else incidents.declared_at end`;
  const due = sql`coalesce(case when ${counted} then u.previous_next_update_at end, ${since} + s.update_cadence_minutes * cast(60000 as bigint))`;
  const rows = await incidentsInScope(ex, scope)
    .innerJoin('severities as s', 's.id', 'incidents.severity_id')
    .innerJoin('incident_status_updates as u', 'u.incident_id', 'incidents.id')
    .where('s.update_cadence_minutes', 'is not', null)
    .where('u.audience', 'in', audiences)
    .where((eb) => eb.or([eb('u.audience', '=', 'stakeholders'), eb('s.public_update_expected', '=', 1)]))
    .whereRef('u.posted_at', '>=', 'incidents.declared_at')
    .where(sql<boolean>`u.posted_at <= ${endOf(scope)}`)
    .select([
      'incidents.severity_id',
      'u.audience',
      sql<number>`count(*)`.as('posted'),
      sql<number>`sum(case when u.posted_at <= ${due} then 1 else 0 end)`.as('on_time'),
      sql<number | null>`max(u.posted_at - ${since})`.as('max_gap'),
    ])
    .groupBy(['incidents.severity_id', 'u.audience'])
    .execute();
  return rows.map((r) => ({
    severity_id: r.severity_id!,
    audience: r.audience,
    posted: Number(r.posted),
    on_time: Number(r.on_time),
    max_gap: r.max_gap == null ? null : Number(r.max_gap),
  }));
}

/**
 * Per severity with a cadence: incidents counted, and per audience the longest silence from the
 * last update (or declaration) to resolution or now (null for public when not expected).
 */
export async function silenceAtEnd(ex: Executor, scope: Scope): Promise<SilenceRow[]> {
  const end = endOf(scope);
  const tail = (
    audience: UpdateAudience,
  ) => sql<number>`${end} - coalesce((select max(x.posted_at) from incident_status_updates as x
    where x.incident_id = incidents.id and x.audience = ${audience}
      and x.posted_at >= incidents.declared_at and x.posted_at <= ${end}), incidents.declared_at)`;
  const incidents = incidentsInScope(ex, scope)
    .innerJoin('severities as s', 's.id', 'incidents.severity_id')
    .where('s.update_cadence_minutes', 'is not', null)
    .select([
      'incidents.severity_id',
      tail('stakeholders').as('stakeholders'),
      sql<number | null>`case when s.public_update_expected = 1 then ${tail('public')} end`.as('public'),
    ]);
  const result = await sql<SilenceRow>`
    select severity_id, count(*) as incidents, max(stakeholders) as stakeholders, max(public) as public
    from (${incidents}) as x group by severity_id
  `.execute(ex);
  const num = (v: number | null) => (v == null ? null : Number(v));
  return result.rows.map((r) => ({
    severity_id: r.severity_id,
    incidents: Number(r.incidents),
    stakeholders: num(r.stakeholders),
    public: num(r.public),
  }));
}
