import { ACTIVE_STATUSES, OPEN_ACTION_ITEM_STATUSES } from '@firebreak/shared';
import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import { visibleTo } from '../incidents/incidents.policy.js';
import type { Viewer } from '../incidents/index.js';
import '../oncall/oncall.model.js';
import '../paging/paging.model.js';
import '../postmortems/postmortems.model.js';

// Read-only queries for the home page, over other domains' tables.

const ACTIVE_LIMIT = 200;
const LIST_LIMIT = 20;

/** Active incidents the viewer may see, most severe first, with their severity and current commander. */
export function listActiveIncidents(ex: Executor, viewer: Viewer) {
  return ex
    .selectFrom('incidents')
    .leftJoin('severities as s', 's.id', 'incidents.severity_id')
    .leftJoin('incident_roles as r', (join) =>
      join.onRef('r.incident_id', '=', 'incidents.id').on('r.role', '=', 'commander').on('r.relieved_at', 'is', null),
    )
    .leftJoin('users as cu', 'cu.id', 'r.user_id')
    .select([
      'incidents.id',
      'incidents.number',
      'incidents.title',
      'incidents.status',
      'incidents.private',
      'incidents.declared_at',
      'incidents.next_update_due_at',
      's.key as severity_key',
      's.name as severity_name',
      's.rank as severity_rank',
      's.urgency as severity_urgency',
      'cu.id as commander_id',
      'cu.name as commander_name',
    ])
    .where('incidents.status', 'in', ACTIVE_STATUSES)
    .where(visibleTo(viewer))
    .orderBy('s.rank')
    .orderBy('incidents.declared_at', 'desc')
    .limit(ACTIVE_LIMIT)
    .execute();
}

/** Open pages that reached this person, newest first. */
export function listMyOpenPages(ex: Executor, userId: string) {
  return ex
    .selectFrom('pages')
    .innerJoin('page_recipients as pr', 'pr.page_id', 'pages.id')
    .select(['pages.id', 'pages.summary', 'pages.status', 'pages.urgency', 'pages.incident_id', 'pages.created_at'])
    .distinct()
    .where('pr.user_id', '=', userId)
    .where('pages.status', 'in', ['triggered', 'acknowledged'])
    .orderBy('pages.created_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
}

/** Every schedule that belongs to a team, with the team's name. */
export function listTeamSchedules(ex: Executor) {
  return ex
    .selectFrom('schedules')
    .innerJoin('teams', 'teams.id', 'schedules.team_id')
    .select(['schedules.id', 'schedules.name', 'teams.id as team_id', 'teams.name as team_name'])
    .orderBy('teams.name')
    .orderBy('schedules.name')
    .execute();
}

/**
 * When a postmortem is due: its draft deadline while it is a draft, or its publication deadline,
 * whichever comes first.
 */
const postmortemDue = sql<number>`case when postmortems.status = 'draft' and postmortems.due_at is not null
  and (postmortems.publish_due_at is null or postmortems.due_at < postmortems.publish_due_at)
  then postmortems.due_at else postmortems.publish_due_at end`;

/** Unpublished postmortems of incidents the viewer may see, due by `horizon`, soonest first. */
export function listPostmortemsDue(ex: Executor, viewer: Viewer, horizon: number) {
  return (
    ex
      .selectFrom('postmortems')
      .innerJoin('incidents', 'incidents.id', 'postmortems.incident_id')
      .leftJoin('users as o', 'o.id', 'postmortems.owner_id')
      .select([
        'postmortems.id',
        'postmortems.title',
        'postmortems.status',
        postmortemDue.as('due'),
        'incidents.number',
        'o.id as owner_id',
        'o.name as owner_name',
      ])
      .where('postmortems.status', '!=', 'published')
      // The same rule as `postmortemDue <= horizon`, in a form its indexes can serve.
      .where((eb) =>
        eb.or([
          eb.and([eb('postmortems.status', '=', 'draft'), eb('postmortems.due_at', '<=', horizon)]),
          eb('postmortems.publish_due_at', '<=', horizon),
        ]),
      )
      .where(visibleTo(viewer))
      .orderBy('due')
      .orderBy('postmortems.id')
      .limit(LIST_LIMIT)
      .execute()
  );
}

/** This person's open action items due by `horizon`, soonest first. */
export function listMyActionItemsDue(ex: Executor, userId: string, horizon: number) {
  return ex
    .selectFrom('action_items as ai')
    .innerJoin('incidents', 'incidents.id', 'ai.incident_id')
    .select(['ai.id', 'ai.title', 'ai.status', 'ai.due_at', 'incidents.number'])
    .where('ai.owner_id', '=', userId)
    .where('ai.status', 'in', OPEN_ACTION_ITEM_STATUSES)
    .where('ai.due_at', '<=', horizon)
    .orderBy('ai.due_at')
    .limit(LIST_LIMIT)
    .execute();
}

/** Names of people by id. */
export async function namesOf(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
