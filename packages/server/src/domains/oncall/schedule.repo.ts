import type { Executor } from '../../core/db/database.js';
import './oncall.model.js';
import '../directory/directory.model.js';
import type {
  ScheduleLayersTable,
  ScheduleOverridesTable,
  ScheduleSwapsTable,
  SchedulesTable,
} from './oncall.model.js';
import type { EngineLayer, EngineOverride, EngineRestriction } from './schedule.engine.js';

// Queries only. Rows stay snake_case here; commands and presenters convert.

export type ScheduleRow = SchedulesTable;
export type LayerRow = ScheduleLayersTable;
export type OverrideRow = ScheduleOverridesTable;
export type SwapRow = ScheduleSwapsTable;

export function getSchedule(ex: Executor, id: string): Promise<ScheduleRow | undefined> {
  return ex.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getScheduleByName(ex: Executor, name: string): Promise<ScheduleRow | undefined> {
  return ex.selectFrom('schedules').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Schedules ordered by name, after the cursor (a name). */
export function listSchedules(
  ex: Executor,
  options: { teamId?: string; after?: string; limit: number },
): Promise<ScheduleRow[]> {
  let q = ex.selectFrom('schedules').selectAll().orderBy('name').limit(options.limit);
  if (options.teamId) q = q.where('team_id', '=', options.teamId);
  if (options.after) q = q.where('name', '>', options.after);
  return q.execute();
}

export function listScheduleIdsOfTeams(
  ex: Executor,
  teamIds: string[],
): Promise<{ id: string; team_id: string | null }[]> {
  if (teamIds.length === 0) return Promise.resolve([]);
  return ex.selectFrom('schedules').select(['id', 'team_id']).where('team_id', 'in', teamIds).orderBy('name').execute();
}

export function listAllScheduleIds(ex: Executor, limit?: number): Promise<{ id: string }[]> {
  const q = ex.selectFrom('schedules').select('id').orderBy('name');
  return (limit === undefined ? q : q.limit(limit)).execute();
}

export function getVersions(ex: Executor, ids: string[]): Promise<{ id: string; version: number }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return ex.selectFrom('schedules').select(['id', 'version']).where('id', 'in', ids).execute();
}

export function listLayers(ex: Executor, scheduleIds: string[]): Promise<LayerRow[]> {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return ex
    .selectFrom('schedule_layers')
    .selectAll()
    .where('schedule_id', 'in', scheduleIds)
    .orderBy('schedule_id')
    .orderBy('position')
    .execute();
}

export function getLayer(ex: Executor, scheduleId: string, layerId: string): Promise<LayerRow | undefined> {
  return ex
    .selectFrom('schedule_layers')
    .selectAll()
    .where('id', '=', layerId)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
}

/** Active (not cancelled) overrides of a schedule that overlap [from, to). */
export function listOverrides(ex: Executor, scheduleIds: string[], from: number, to: number): Promise<OverrideRow[]> {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return ex
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', 'in', scheduleIds)
    .where('cancelled_at', 'is', null)
    .where('end_at', '>', from)
    .where('start_at', '<', to)
    .orderBy('start_at')
    .execute();
}

export function getOverride(ex: Executor, scheduleId: string, id: string): Promise<OverrideRow | undefined> {
  return ex
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('id', '=', id)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
}

export function getSwap(ex: Executor, scheduleId: string, id: string): Promise<SwapRow | undefined> {
  return ex
    .selectFrom('schedule_swaps')
    .selectAll()
    .where('id', '=', id)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
}

export function listSwaps(ex: Executor, scheduleId: string): Promise<SwapRow[]> {
  return ex
    .selectFrom('schedule_swaps')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** Marks a schedule changed: caches in every process notice the new version. */
export async function touchSchedule(ex: Executor, id: string, now: number): Promise<void> {
  await ex
    .updateTable('schedules')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

export async function userNames(ex: Executor, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Ids among `ids` that are not active users. */
export async function unknownUsers(ex: Executor, ids: Iterable<string>): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await ex
    .selectFrom('users')
    .select('id')
    .where('id', 'in', unique)
    .where('deactivated_at', 'is', null)
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return unique.filter((id) => !found.has(id));
}

export function toEngineLayer(row: LayerRow): EngineLayer {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    participants: JSON.parse(row.participants) as string[],
    rotation: { unit: row.rotation_unit, every: row.rotation_every },
    handoffTime: row.handoff_time,
    timeZone: row.time_zone,
    startDate: row.start_date,
    restrictions: JSON.parse(row.restrictions) as EngineRestriction[],
  };
}

export function toEngineOverride(row: OverrideRow): EngineOverride {
  return {
    id: row.id,
    userId: row.user_id,
    replacedUserId: row.replaced_user_id,
    start: row.start_at,
    end: row.end_at,
    createdAt: row.created_at,
  };
}
