import type { AnalyticsQuery, AnalyticsRange } from '@firebreak/shared';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Executor, Tables } from '../../core/db/database.js';
import { invalidField } from '../../core/errors.js';
import { visibleTo } from '../incidents/incidents.policy.js';
import type { Viewer } from '../incidents/index.js';
import '../directory/directory.model.js';
import '../incidents/incidents.model.js';

// What a figure request covers: the range, the filters resolved to ids, and who is asking (private
// incidents count only for people who may see them).

export const DAY_MS = 86_400_000;
const NEVER = sql<SqlBool>`1 = 0`;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 3 * 366;

export type SeverityInfo = {
  id: string;
  key: string;
  name: string;
  rank: number;
  cadenceMinutes: number | null;
  postmortemRequired: boolean;
  publicUpdateExpected: boolean;
};

export type Scope = {
  from: number;
  to: number;
  teamId: string | null;
  serviceId: string | null;
  /** Every severity, most severe first (figures list them all, zeros included). */
  severities: SeverityInfo[];
  /** Ids to filter on; null: no severity filter. */
  severityIds: string[] | null;
  viewer: Viewer;
  zone: string;
  now: number;
};

type ParsedQuery = Omit<AnalyticsQuery, 'severity' | 'format'> & { severity?: string[] | undefined };

/** Reads and checks a figure query: refs become ids, the range defaults to the last 30 days. */
export async function resolveScope(ctx: AppContext, viewer: Viewer, query: ParsedQuery): Promise<Scope> {
  const now = ctx.clock.now();
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : to - DEFAULT_DAYS * DAY_MS;
  if (from >= to) throw invalidField('from', 'must be before `to`');
  if (to - from > MAX_DAYS * DAY_MS) throw invalidField('from', `the range may span at most ${MAX_DAYS} days`);
  const severities = await listSeverities(ctx.db);
  let severityIds: string[] | null = null;
  if (query.severity?.length) {
    severityIds = query.severity.map((key) => {
      const found = severities.find((s) => s.key === key);
      if (!found)
        throw invalidField('severity', `no severity "${key}"; known: ${severities.map((s) => s.key).join(', ')}`);
      return found.id;
    });
  }
  return {
    from,
    to,
    teamId: query.team ? await teamId(ctx.db, query.team) : null,
    serviceId: query.service ? await serviceId(ctx.db, query.service) : null,
    severities,
    severityIds,
    viewer,
    zone: ctx.config.orgTimeZone,
    now,
  };
}

/** The same filters over another range. */
export const withRange = (scope: Scope, from: number, to: number): Scope => ({ ...scope, from, to });

export function rangeOf(scope: Scope): AnalyticsRange {
  return {
    from: toIso(scope.from),
    to: toIso(scope.to),
    team: scope.teamId,
    service: scope.serviceId,
    severities: scope.severityIds
      ? scope.severities.filter((s) => scope.severityIds!.includes(s.id)).map((s) => s.key)
      : [],
    timeZone: scope.zone,
  };
}

/** Severities in play: the filtered ones, or all. */
export const severitiesIn = (scope: Scope): SeverityInfo[] =>
  scope.severityIds ? scope.severities.filter((s) => scope.severityIds!.includes(s.id)) : scope.severities;

async function listSeverities(ex: Executor): Promise<SeverityInfo[]> {
  const rows = await ex.selectFrom('severities').selectAll().orderBy('rank').orderBy('key').execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    rank: r.rank,
    cadenceMinutes: r.update_cadence_minutes,
    postmortemRequired: r.postmortem_required === 1,
    publicUpdateExpected: r.public_update_expected === 1,
  }));
}

async function teamId(ex: Executor, ref: string): Promise<string> {
  const row = await ex
    .selectFrom('teams')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]))
    .executeTakeFirst();
  if (!row) throw invalidField('team', `no team "${ref}"`);
  return row.id;
}

async function serviceId(ex: Executor, ref: string): Promise<string> {
  const row = await ex
    .selectFrom('services')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref)]))
    .executeTakeFirst();
  if (!row) throw invalidField('service', `no service "${ref}"`);
  return row.id;
}

/**
 * The scope's filters on `incidents` (not the dates): what the viewer may see, the team it was
 * routed to, an affected service, the severity. Within a date range the team and severity tests
 * keep SQLite on the range index (see `severityIn`); a query over incidents of all time (`allTime`)
 * has no range to walk, so there they are plain tests an index answers, and the service test is
 * the list of the service's incidents.
 */
export function incidentFilter(
  scope: Scope,
  options: { withMerged?: boolean; allTime?: boolean } = {},
): Expression<SqlBool> {
  const eb = expressionBuilder<Tables, 'incidents'>();
  const parts: Expression<SqlBool>[] = [visibleTo(scope.viewer)];
  if (!options.withMerged) parts.push(eb('incidents.status', '<>', 'merged'));
  if (scope.teamId) {
    parts.push(
      options.allTime
        ? eb('incidents.team_id', '=', scope.teamId)
        : sql<SqlBool>`coalesce(incidents.team_id, '') = ${scope.teamId}`,
    );
  }
  if (scope.severityIds) {
    parts.push(
      options.allTime && scope.severityIds.length
        ? eb('incidents.severity_id', 'in', scope.severityIds)
        : severityIn(scope.severityIds),
    );
  }
  if (scope.serviceId) {
    const affected = eb
      .selectFrom('incident_services as fs')
      .select('fs.incident_id')
      .where('fs.service_id', '=', scope.serviceId);
    parts.push(
      options.allTime
        ? eb('incidents.id', 'in', affected)
        : eb.exists(affected.whereRef('fs.incident_id', '=', 'incidents.id')),
    );
  }
  return eb.and(parts);
}

/** True when every incident passes the scope's filters (an admin, no team, service or severity): no need to look. */
export const seesEverything = (scope: Scope): boolean => scope.viewer.role === 'admin' && !filtered(scope);

/** True when a team, service or severity filter is set. */
export const filtered = (scope: Scope): boolean => Boolean(scope.teamId || scope.serviceId || scope.severityIds);

/** Private incidents this viewer may not see (for non-admins), as a condition on `incidents`. */
export function hiddenFrom(scope: Scope): Expression<SqlBool> {
  const eb = expressionBuilder<Tables, 'incidents'>();
  // A literal, so SQLite sees that its partial index of private incidents applies.
  return eb.and([sql<SqlBool>`incidents.private = 1`, eb.not(visibleTo(scope.viewer))]);
}

/**
 * `incidents.severity_id in (…)`, written so no index on severity is chosen for it: without
 * statistics SQLite prefers an equality index (every Sev2 of all time) to the date range, which is
 * far narrower; the range index carries severity_id, so the test still runs inside the index.
 * The team filter is written the same way, for the same reason.
 */
export function severityIn(ids: readonly string[]): Expression<SqlBool> {
  if (ids.length === 0) return NEVER;
  return sql<SqlBool>`coalesce(incidents.severity_id, '') in (${sql.join(ids)})`;
}

/** Incidents declared in the scope's range that pass its filters. */
export function incidentsInScope(ex: Executor, scope: Scope) {
  return ex
    .selectFrom('incidents')
    .where('incidents.declared_at', '>=', scope.from)
    .where('incidents.declared_at', '<', scope.to)
    .where(incidentFilter(scope));
}
