import type { UpdateAudience } from '@firebreak/shared';
import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import { bucketOf } from './buckets.js';
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

/**
 * The asked durations (ms, null when not reached) of every incident in the scope, with its
 * declaration time and source. Narrow rows: percentiles are taken in the process (SQLite has no percentile
 * function, and its window functions cost more than sending a few thousand numbers).
 */
export async function incidentDurations<M extends IncidentMeasure>(ex: Executor, scope: Scope, measures: M[]) {
  const rows = await incidentsInScope(ex, scope)
    .select(['incidents.declared_at', 'incidents.source', ...measures.map((m) => INCIDENT_MEASURES[m].as(m))])
    .execute();
  return rows as unknown as ({ declared_at: number; source: string } & Record<M, number | null>)[];
}

export type CadenceRow = { severity_id: string; posted: number; on_time: number; max_gap: number | null };
export type SilenceRow = { severity_id: string; incidents: number; tail: number | null };

/**
 * Per severity with a cadence, this audience's updates: how many, how many on time, and the longest
 * gap before one. The first update is due one cadence after declaration; each later one when the
 * previous promised (its next_update_at), else one cadence after it. Updates after resolution
 * (or before declaration) do not count.
 */
export async function cadenceOfUpdates(ex: Executor, scope: Scope, audience: UpdateAudience): Promise<CadenceRow[]> {
  const end = sql`coalesce(incidents.resolved_at, ${sql.lit(scope.now)})`;
  let updates = incidentsInScope(ex, scope)
    .innerJoin('severities as s', 's.id', 'incidents.severity_id')
    .innerJoin('incident_status_updates as u', 'u.incident_id', 'incidents.id')
    .where('s.update_cadence_minutes', 'is not', null)
    .where('u.audience', '=', audience)
    .whereRef('u.posted_at', '>=', 'incidents.declared_at')
    .where(sql<boolean>`u.posted_at <= ${end}`)
    .select([
      'incidents.severity_id',
      'incidents.declared_at',
      'u.posted_at',
      sql<number>`s.update_cadence_minutes * cast(60000 as bigint)`.as('cad'),
      sql<number>`lag(u.posted_at) over (partition by u.incident_id order by u.posted_at)`.as('prev_at'),
      sql<number>`lag(u.next_update_at) over (partition by u.incident_id order by u.posted_at)`.as('prev_next'),
    ]);
  if (audience === 'public') updates = updates.where('s.public_update_expected', '=', 1);
  const result = await sql<CadenceRow>`
    select severity_id, count(*) as posted,
      sum(case when posted_at <= coalesce(prev_next, coalesce(prev_at, declared_at) + cad) then 1 else 0 end) as on_time,
      max(posted_at - coalesce(prev_at, declared_at)) as max_gap
    from (${updates}) as x
    group by severity_id
  `.execute(ex);
  return result.rows.map((r) => ({
    severity_id: r.severity_id,
    posted: Number(r.posted),
    on_time: Number(r.on_time),
    max_gap: r.max_gap == null ? null : Number(r.max_gap),
  }));
}

/** Per severity with a cadence: incidents counted, and the longest silence from the last update (or declaration) to resolution or now. */
export async function silenceAtEnd(ex: Executor, scope: Scope, audience: UpdateAudience): Promise<SilenceRow[]> {
  const end = sql`coalesce(incidents.resolved_at, ${sql.lit(scope.now)})`;
  const last = sql`(select max(x.posted_at) from incident_status_updates as x
    where x.incident_id = incidents.id and x.audience = ${audience}
      and x.posted_at >= incidents.declared_at and x.posted_at <= ${end})`;
  let incidents = incidentsInScope(ex, scope)
    .innerJoin('severities as s', 's.id', 'incidents.severity_id')
    .where('s.update_cadence_minutes', 'is not', null)
    .select(['incidents.severity_id', sql<number>`${end} - coalesce(${last}, incidents.declared_at)`.as('tail')]);
  if (audience === 'public') incidents = incidents.where('s.public_update_expected', '=', 1);
  const result = await sql<SilenceRow>`
    select severity_id, count(*) as incidents, max(tail) as tail from (${incidents}) as x group by severity_id
  `.execute(ex);
  return result.rows.map((r) => ({
    severity_id: r.severity_id,
    incidents: Number(r.incidents),
    tail: r.tail == null ? null : Number(r.tail),
  }));
}
