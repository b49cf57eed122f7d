import {
  type ActionItem,
  type ActionItemOverdueSummary,
  type Page,
  POSTMORTEM_TRANSITIONS,
  type PostmortemDetail,
  type PostmortemListQuery,
  type PostmortemSummary,
  type ProcessFigures,
} from '@firebreak/shared';
import type { z } from 'zod';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { invalidField } from '../../core/errors.js';
import type { IncidentRow } from '../incidents/incidents.model.js';
import { type Viewer, visibleTo } from '../incidents/incidents.policy.js';
import { findIncidentByRef, servicesOfIncidents } from '../incidents/incidents.repo.js';
import { findServices, personNames, teamIdsOf } from '../incidents/lookups.js';
import { activeRoles } from '../incidents/roles.repo.js';
import { matchesText } from '../incidents/search.repo.js';
import { getSeverityByKey, listSeverityRows } from '../incidents/severities.repo.js';
import {
  type ActionItemFilter,
  getActionItemRow,
  listActionItemRows,
  listActionItemsOfIncident,
  overdueCounts,
} from './action-items.repo.js';
import { findingsIn, findingsOfPostmortem, participantNames } from './blameless.service.js';
import { listPostmortemRows, type PostmortemFilter } from './postmortem-list.repo.js';
import type { ActionItemRow, PostmortemRow } from './postmortems.model.js';
import { findVisiblePostmortem, mayPublish } from './postmortems.policy.js';
import {
  presentActionItem,
  presentChain,
  presentComment,
  presentContributor,
  presentFactor,
  presentIncidentRef,
  presentSection,
  presentSummary,
  presentTimeline,
} from './postmortems.presenter.js';
import {
  factorsOf,
  listCommentRows,
  listContributorRows,
  listSectionRows,
  listTimelineRows,
  listWhyChainRows,
  tagsOf,
} from './postmortems.repo.js';

// Read functions for routes, the CLI and other domains (dashboard). They never write.

type Ctx = Pick<AppContext, 'db' | 'dialect' | 'clock'>;

async function summarize(ex: Executor, rows: PostmortemRow[], now: number): Promise<PostmortemSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const incidentIds = rows.map((r) => r.incident_id);
  const [incidents, severities, services, tags, factors] = await Promise.all([
    ex.selectFrom('incidents').selectAll().where('id', 'in', incidentIds).execute(),
    listSeverityRows(ex),
    servicesOfIncidents(ex, incidentIds),
    tagsOf(ex, ids),
    factorsOf(ex, ids),
  ]);
  const names = await personNames(
    ex,
    rows.map((r) => r.owner_id),
  );
  return rows.map((row) => {
    const incident = incidents.find((i) => i.id === row.incident_id)!;
    const severity = severities.find((s) => s.id === incident.severity_id);
    return presentSummary(row, {
      incident: presentIncidentRef(incident, severity, services.get(incident.id) ?? []),
      required: severity?.postmortem_required === 1,
      tags: tags.get(row.id) ?? [],
      factors: factors.filter((f) => f.postmortem_id === row.id).map((f) => f.category),
      names,
      now,
    });
  });
}

export async function presentActionItems(ex: Executor, rows: ActionItemRow[], now: number): Promise<ActionItem[]> {
  if (rows.length === 0) return [];
  const incidentIds = [...new Set(rows.map((r) => r.incident_id))];
  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const [incidents, teams, names] = await Promise.all([
    ex.selectFrom('incidents').select(['id', 'number', 'title']).where('id', 'in', incidentIds).execute(),
    teamIds.length
      ? ex.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute()
      : Promise.resolve([]),
    personNames(
      ex,
      rows.flatMap((r) => [r.owner_id, r.created_by]),
    ),
  ]);
  const teamMap = new Map(teams.map((t) => [t.id, t]));
  return rows.map((row) =>
    presentActionItem(row, {
      incident: incidents.find((i) => i.id === row.incident_id),
      teams: teamMap,
      names,
      now,
    }),
  );
}

/** Everything the postmortem page shows, in one answer. */
export async function postmortemDetail(ctx: Ctx, viewer: Viewer | null, ref: string): Promise<PostmortemDetail> {
  const { pm, incident } = await findVisiblePostmortem(ctx.db, viewer, ref);
  return detailOf(ctx, viewer, pm, incident);
}

async function detailOf(
  ctx: Ctx,
  viewer: Viewer | null,
  pm: PostmortemRow,
  incident: IncidentRow,
): Promise<PostmortemDetail> {
  const now = ctx.clock.now();
  const [summary, sections, timeline, chains, factors, items, contributors, comments, roles, participants] =
    await Promise.all([
      summarize(ctx.db, [pm], now),
      listSectionRows(ctx.db, pm.id),
      listTimelineRows(ctx.db, pm.id),
      listWhyChainRows(ctx.db, pm.id),
      factorsOf(ctx.db, [pm.id]),
      listActionItemsOfIncident(ctx.db, incident.id),
      listContributorRows(ctx.db, pm.id),
      listCommentRows(ctx.db, pm.id),
      activeRoles(ctx.db, incident.id),
      participantNames(ctx.db, pm.id),
    ]);
  const names = await personNames(ctx.db, [
    ...sections.map((s) => s.updated_by),
    ...timeline.map((t) => t.actor_id),
    ...chains.map((c) => c.updated_by),
    ...contributors.map((c) => c.user_id),
  ]);
  const openComments = (key: string) => comments.filter((c) => c.section_key === key && c.resolved_at === null).length;
  const commanderId = roles.find((r) => r.role === 'commander')?.user_id ?? null;
  return {
    ...summary[0]!,
    templateId: pm.template_id,
    allowedTransitions: [...POSTMORTEM_TRANSITIONS[pm.status]],
    canPublish: mayPublish(viewer, pm, commanderId),
    sections: sections.map((s) => presentSection(s, names, openComments(s.key))),
    timeline: presentTimeline(timeline, names),
    fiveWhys: chains.map((c) => presentChain(c, names)),
    contributingFactors: factors.map(presentFactor),
    actionItems: await presentActionItems(ctx.db, items, now),
    contributors: contributors.map((c) => presentContributor(c, names)),
    figures: JSON.parse(pm.figures) as ProcessFigures,
    blameless: findingsOfPostmortem(sections, chains, participants),
  };
}

export type ParsedPostmortemListQuery = z.output<typeof PostmortemListQuery>;

async function filterFor(ctx: Ctx, viewer: Viewer, query: ParsedPostmortemListQuery): Promise<PostmortemFilter> {
  const filter: PostmortemFilter = { status: query.status, tag: query.tag, factor: query.factor };
  if (query.severity) {
    const severity = await getSeverityByKey(ctx.db, query.severity);
    if (!severity) throw invalidField('severity', `unknown severity "${query.severity}"`);
    filter.severityId = severity.id;
  }
  if (query.service) {
    const { found } = await findServices(ctx.db, [query.service]);
    if (!found[0]) throw invalidField('service', `no service with id or slug "${query.service}"`);
    filter.serviceId = found[0].id;
  }
  if (query.owner) filter.ownerId = query.owner === 'me' ? viewer.userId : query.owner;
  if (query.q) filter.text = matchesText(ctx.dialect, query.q) ?? undefined;
  return filter;
}

/** The repository: postmortems the viewer may see, newest first, filtered. */
export async function listPostmortems(
  ctx: Ctx,
  viewer: Viewer,
  query: ParsedPostmortemListQuery,
): Promise<Page<PostmortemSummary>> {
  const filter = await filterFor(ctx, viewer, query);
  const page = await listPostmortemRows(ctx.db, filter, visibleTo(viewer), query);
  return { items: await summarize(ctx.db, page.rows, ctx.clock.now()), nextCursor: page.nextCursor };
}

/** Unpublished postmortems past a due date, for the dashboard. */
export async function listOverduePostmortems(ctx: Ctx, viewer: Viewer | null): Promise<PostmortemSummary[]> {
  const now = ctx.clock.now();
  const items: PostmortemSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPostmortemRows(ctx.db, { overdueAt: now }, visibleTo(viewer), { limit: 500, cursor });
    items.push(...(await summarize(ctx.db, page.rows, now)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items.sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
}

export async function listComments(ctx: Ctx, viewer: Viewer, ref: string) {
  const { pm } = await findVisiblePostmortem(ctx.db, viewer, ref);
  const rows = await listCommentRows(ctx.db, pm.id);
  const names = await personNames(
    ctx.db,
    rows.flatMap((r) => [r.author_id, r.resolved_by]),
  );
  return rows.map((r) => presentComment(r, names));
}

/** Blameless suggestions for any text, against this postmortem's participants. */
export async function checkText(ctx: Ctx, viewer: Viewer, ref: string, text: string) {
  const { pm } = await findVisiblePostmortem(ctx.db, viewer, ref);
  return findingsIn('text', text, await participantNames(ctx.db, pm.id));
}

export type ParsedActionItemQuery = {
  limit: number;
  cursor?: string | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  owner?: string | undefined;
  team?: string | undefined;
  incident?: string | undefined;
  postmortem?: string | undefined;
};

export async function listActionItems(
  ctx: Ctx,
  viewer: Viewer,
  query: ParsedActionItemQuery,
): Promise<Page<ActionItem>> {
  const now = ctx.clock.now();
  const filter: ActionItemFilter = {
    statuses:
      query.status === 'unfinished' ? ['open', 'in_progress', 'blocked'] : query.status ? [query.status] : undefined,
    overdueAt: query.overdue ? now : undefined,
    ownerId: query.owner === 'me' ? viewer.userId : query.owner,
    postmortemId: query.postmortem,
  };
  if (query.team) filter.teamIds = query.team === 'mine' ? await teamIdsOf(ctx.db, viewer.userId) : [query.team];
  if (query.incident) {
    const incident = await findIncidentByRef(ctx.db, query.incident);
    if (!incident) throw invalidField('incident', `no incident "${query.incident}"`);
    filter.incidentId = incident.id;
  }
  const page = await listActionItemRows(ctx.db, filter, visibleTo(viewer), query);
  return { items: await presentActionItems(ctx.db, page.rows, now), nextCursor: page.nextCursor };
}

export async function getActionItem(ctx: Ctx, viewer: Viewer, id: string): Promise<ActionItem | null> {
  const row = await getActionItemRow(ctx.db, id);
  if (!row) return null;
  const visible = await ctx.db
    .selectFrom('incidents')
    .select('id')
    .where('id', '=', row.incident_id)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  if (!visible) return null;
  return (await presentActionItems(ctx.db, [row], ctx.clock.now()))[0]!;
}

/** Overdue action items counted per person and per team. */
export async function overdueSummary(ctx: Ctx, viewer: Viewer): Promise<ActionItemOverdueSummary> {
  const { byOwner, byTeam } = await overdueCounts(ctx.db, visibleTo(viewer), ctx.clock.now());
  const names = await personNames(
    ctx.db,
    byOwner.map((r) => r.key),
  );
  const teamIds = byTeam.flatMap((r) => (r.key ? [r.key] : []));
  const teams = teamIds.length
    ? await ctx.db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute()
    : [];
  return {
    byPerson: byOwner.map((r) => ({
      person: r.key ? { id: r.key, name: names.get(r.key)?.name ?? 'Unknown person' } : null,
      count: r.count,
      oldestDueAt: toIso(r.oldest),
    })),
    byTeam: byTeam.map((r) => ({
      team: r.key ? (teams.find((t) => t.id === r.key) ?? { id: r.key, name: 'Unknown team' }) : null,
      count: r.count,
      oldestDueAt: toIso(r.oldest),
    })),
    total: byOwner.reduce((n, r) => n + r.count, 0),
  };
}
