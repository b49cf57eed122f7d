import {
  allowedTransitions,
  BUILT_IN_INCIDENT_ROLES,
  formatIncidentNumber,
  type IncidentCounts,
  type IncidentDetail,
  type IncidentListQuery,
  type IncidentRoleType,
  type IncidentSummary,
  type Page,
  type RoleAssignment,
  type SimilarIncident,
  type Subscriber,
  type TimelineEntry,
} from '@firebreak/shared';
import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Executor, Tables } from '../../core/db/database.js';
import { invalidField, notFound } from '../../core/errors.js';
import type { IncidentRow, RoleRow } from './incidents.model.js';
import { mayManageRoles, requireVisible, type Viewer, visibleTo } from './incidents.policy.js';
import {
  entryPeople,
  type Names,
  presentDecision,
  presentEntry,
  presentSeverity,
  presentSummary,
  presentUpdate,
} from './incidents.presenter.js';
import {
  countIncidentRows,
  findIncidentByRef,
  type IncidentFilter,
  iterateIncidentRows,
  listIncidentRows,
  servicesOfIncidents,
} from './incidents.repo.js';
import { findServices, personNames, teamIdsOf } from './lookups.js';
import { listDecisionRows, listStatusUpdateRows, listSubscriberRows } from './records.repo.js';
import { activeRoles, commandersOf, listRoleTypeRows } from './roles.repo.js';
import { parseTextQuery, rankIncidents } from './search.repo.js';
import { listSeverityRows } from './severities.repo.js';
import { listTimelineRows } from './timeline.repo.js';

// Read functions for routes, live streams and other domains. They never write.

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

/** An incident the viewer may see, by id or number; 404 otherwise (also for private ones). */
export async function getVisibleIncident(ctx: Ctx, viewer: Viewer | null, ref: string): Promise<IncidentRow> {
  return requireVisible(ctx.db, await findIncidentByRef(ctx.db, ref), viewer, ref);
}

export async function summarize(ex: Executor, rows: IncidentRow[], now: number): Promise<IncidentSummary[]> {
  const ids = rows.map((r) => r.id);
  const [severities, services, commanders] = await Promise.all([
    listSeverityRows(ex),
    servicesOfIncidents(ex, ids),
    commandersOf(ex, ids),
  ]);
  const names = await personNames(ex, [...commanders.values(), ...rows.map((r) => r.reporter_id)]);
  return rows.map((row) =>
    presentSummary(row, {
      severity: severities.find((s) => s.id === row.severity_id),
      services: services.get(row.id) ?? [],
      commanderId: commanders.get(row.id) ?? null,
      names,
      now,
    }),
  );
}

export async function summarizeOne(ex: Executor, row: IncidentRow, now: number): Promise<IncidentSummary> {
  return (await summarize(ex, [row], now))[0]!;
}

/** List query parameters after validation (comma lists split, flags parsed). */
export type ParsedListQuery = z.output<typeof IncidentListQuery>;

/** Turns list query parameters into a filter; unknown severities or services are 400s naming them. */
export async function filterFor(ctx: Ctx, viewer: Viewer, query: ParsedListQuery): Promise<IncidentFilter> {
  const filter: IncidentFilter = { statuses: query.status };
  if (query.severity?.length) {
    const severities = await listSeverityRows(ctx.db);
    filter.severityIds = query.severity.map((key) => {
      const found = severities.find((s) => s.key === key.toLowerCase());
      if (!found)
        throw invalidField(
          'severity',
          `unknown severity "${key}"; choose one of ${severities.map((s) => s.key).join(', ')}`,
        );
      return found.id;
    });
  }
  if (query.service) {
    const { found } = await findServices(ctx.db, [query.service]);
    if (!found[0]) throw invalidField('service', `no service with id or slug "${query.service}"`);
    filter.serviceId = found[0].id;
  }
  if (query.team) filter.teamIds = query.team === 'mine' ? await teamIdsOf(ctx.db, viewer.userId) : [query.team];
  if (query.mine) filter.involving = viewer.userId;
  if (query.text) filter.text = parseTextQuery(ctx.dialect, query.text) ?? undefined;
  return filter;
}

export async function listIncidents(ctx: Ctx, viewer: Viewer, query: ParsedListQuery): Promise<Page<IncidentSummary>> {
  const filter = await filterFor(ctx, viewer, query);
  const page = await listIncidentRows(ctx.db, filter, visibleTo(viewer), query);
  return { items: await summarize(ctx.db, page.rows, ctx.clock.now()), nextCursor: page.nextCursor };
}

/**
 * Every incident matching the filter, in chunks, for exports. The filter is checked before the
 * first chunk, so bad input is still a 400 and not a broken download.
 */
export async function exportIncidents(ctx: Ctx, viewer: Viewer, query: ParsedListQuery) {
  const filter = await filterFor(ctx, viewer, query);
  return (async function* () {
    for await (const rows of iterateIncidentRows(ctx.db, filter, visibleTo(viewer))) {
      yield await summarize(ctx.db, rows, ctx.clock.now());
    }
  })();
}

export async function countIncidents(ctx: Ctx, viewer: Viewer): Promise<IncidentCounts> {
  const rows = await countIncidentRows(ctx.db, visibleTo(viewer), ctx.clock.now());
  const counts: IncidentCounts = { total: 0, byStatus: {}, bySeverity: {}, open: 0, updateOverdue: 0 };
  for (const r of rows) {
    counts.total += r.n;
    counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + r.n;
    const open = ['triage', 'investigating', 'identified', 'monitoring'].includes(r.status);
    if (open) {
      counts.open += r.n;
      if (r.severity) counts.bySeverity[r.severity] = (counts.bySeverity[r.severity] ?? 0) + r.n;
    }
    if (open && r.status !== 'triage') counts.updateOverdue += r.overdue;
  }
  return counts;
}

/**
 * Past incidents that look like `text` (any of its words, best first), among those the viewer may
 * see. Declined and merged reports are left out: they are not incidents to learn from.
 */
export async function findSimilarIncidents(
  ctx: Ctx,
  viewer: Viewer | null,
  options: { text: string; limit: number; excludeId?: string | undefined },
): Promise<SimilarIncident[]> {
  const eb = expressionBuilder<Tables, 'incidents'>();
  const conditions: Expression<SqlBool>[] = [
    visibleTo(viewer),
    eb('incidents.status', 'not in', ['declined', 'merged']),
  ];
  if (options.excludeId) conditions.push(eb('incidents.id', '!=', options.excludeId));
  const ranked = await rankIncidents(ctx.db, ctx.dialect, {
    text: options.text,
    mode: 'any',
    limit: options.limit,
    restrict: eb.and(conditions),
  });
  if (ranked.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('incidents')
    .selectAll()
    .where(
      'id',
      'in',
      ranked.map((r) => r.incidentId),
    )
    .execute();
  const summaries = await summarize(ctx.db, rows, ctx.clock.now());
  return ranked.flatMap(({ incidentId, score }) => {
    const s = summaries.find((x) => x.id === incidentId);
    return s
      ? [
          {
            id: s.id,
            number: s.number,
            title: s.title,
            status: s.status,
            severity: s.severity,
            declaredAt: s.declaredAt,
            resolvedAt: s.resolvedAt,
            score: Math.round(score * 1000) / 1000,
          },
        ]
      : [];
  });
}

export async function roleTypes(ex: Executor): Promise<IncidentRoleType[]> {
  const custom = await listRoleTypeRows(ex);
  return [
    ...BUILT_IN_INCIDENT_ROLES.map((r) => ({ ...r, builtIn: true })),
    ...custom.map((r) => ({
      key: r.key,
      name: r.name,
      description: r.description,
      multiple: r.multiple === 1,
      builtIn: false,
    })),
  ];
}

export function presentRoles(
  roles: RoleRow[],
  names: Names,
): { roles: RoleAssignment[]; communicationsLead: RoleAssignment | null } {
  const ref = (id: string | null) => (id ? { id, name: names.get(id)?.name ?? 'Unknown person' } : null);
  const list: RoleAssignment[] = roles.map((r) => ({
    role: r.role,
    person: ref(r.user_id)!,
    assignedAt: toIso(r.assigned_at),
    assignedBy: ref(r.assigned_by),
    implicit: false,
  }));
  const explicit = list.find((r) => r.role === 'communications_lead');
  const commander = list.find((r) => r.role === 'commander');
  const communicationsLead =
    explicit ?? (commander ? { ...commander, role: 'communications_lead', implicit: true } : null);
  if (!explicit && communicationsLead) list.push(communicationsLead);
  return { roles: list, communicationsLead };
}

/** Who gets an overdue-update reminder first: the communications lead (explicit, else the commander). */
export function communicationsLeadOf(roles: RoleRow[]): string | null {
  return (
    roles.find((r) => r.role === 'communications_lead')?.user_id ??
    roles.find((r) => r.role === 'commander')?.user_id ??
    null
  );
}

export async function getTimeline(
  ctx: Ctx,
  incidentId: string,
  query: {
    order: 'asc' | 'desc';
    limit: number;
    cursor?: string | undefined;
    kind?: string[] | undefined;
    pinned?: boolean | undefined;
    includeRetracted?: boolean | undefined;
  },
): Promise<Page<TimelineEntry>> {
  const page = await listTimelineRows(ctx.db, incidentId, { ...query, kinds: query.kind });
  const names = await personNames(ctx.db, page.rows.flatMap(entryPeople));
  return { items: page.rows.map((r) => presentEntry(r, names)), nextCursor: page.nextCursor };
}

export async function listSubscribers(ctx: Ctx, incidentId: string): Promise<Subscriber[]> {
  const rows = await listSubscriberRows(ctx.db, incidentId);
  const names = await personNames(
    ctx.db,
    rows.flatMap((r) => [r.user_id, r.added_by]),
  );
  return rows.map((r) => ({
    person: { id: r.user_id, name: names.get(r.user_id)?.name ?? 'Unknown person' },
    addedBy: r.added_by ? { id: r.added_by, name: names.get(r.added_by)?.name ?? 'Unknown person' } : null,
    createdAt: toIso(r.created_at),
  }));
}

export async function listDecisions(ctx: Ctx, incidentId: string) {
  const rows = await listDecisionRows(ctx.db, incidentId);
  const names = await personNames(
    ctx.db,
    rows.flatMap((r) => [r.decided_by, r.recorded_by]),
  );
  return rows.map((r) => presentDecision(r, names));
}

export async function listUpdates(ctx: Ctx, incidentId: string) {
  const rows = await listStatusUpdateRows(ctx.db, incidentId);
  const names = await personNames(
    ctx.db,
    rows.map((r) => r.posted_by),
  );
  return rows.map((r) => presentUpdate(r, names));
}

/** Everything the incident page shows, in one answer. */
export async function incidentDetail(ctx: Ctx, row: IncidentRow, viewer: Viewer | null): Promise<IncidentDetail> {
  const now = ctx.clock.now();
  const [summary, roles, timeline, pinned, decisions, updates, subscribers, mergedInto] = await Promise.all([
    summarizeOne(ctx.db, row, now),
    activeRoles(ctx.db, row.id),
    getTimeline(ctx, row.id, { order: 'desc', limit: 20 }),
    getTimeline(ctx, row.id, { order: 'asc', limit: 50, pinned: true }),
    listDecisions(ctx, row.id),
    listUpdates(ctx, row.id),
    listSubscriberRows(ctx.db, row.id),
    row.merged_into_id ? findIncidentByRef(ctx.db, row.merged_into_id) : Promise.resolve(undefined),
  ]);
  const names = await personNames(
    ctx.db,
    roles.flatMap((r) => [r.user_id, r.assigned_by]),
  );
  const { roles: roleList, communicationsLead } = presentRoles(roles, names);
  return {
    ...summary,
    summary: row.summary,
    impact: row.impact,
    usersAffected: row.users_affected,
    report: row.report_customer != null ? { customer: row.report_customer, observed: row.report_observed ?? '' } : null,
    declinedReason: row.declined_reason,
    mergedInto: mergedInto ? { id: mergedInto.id, number: formatIncidentNumber(mergedInto.number) } : null,
    roles: roleList,
    communicationsLead: communicationsLead?.person ?? null,
    allowedTransitions: [...allowedTransitions(row.status)],
    timeline,
    pinned: pinned.items,
    decisions,
    updates,
    subscriberCount: subscribers.length,
    subscribed: viewer ? subscribers.some((s) => s.user_id === viewer.userId) : false,
    canManageRoles: mayManageRoles(viewer, roles),
  };
}

export async function listSeverities(ctx: Ctx) {
  return (await listSeverityRows(ctx.db)).map(presentSeverity);
}

/** The incident page as committed, after a change (re-read, so version and timestamps are current). */
export async function detailAfterChange(ctx: Ctx, viewer: Viewer | null, incidentId: string): Promise<IncidentDetail> {
  const row = await findIncidentByRef(ctx.db, incidentId);
  if (!row) throw notFound('incident', incidentId);
  return incidentDetail(ctx, row, viewer);
}
