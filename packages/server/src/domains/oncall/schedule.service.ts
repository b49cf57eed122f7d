import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import {
  type EngineLayer,
  type FinalShift,
  onCallStretches,
  type Resolved,
  resolveSchedule,
  shiftAt,
} from './schedule.engine.js';
import {
  getVersions,
  listAllScheduleIds,
  listLayers,
  listOverrides,
  listScheduleIdsOfTeams,
  type OverrideRow,
  type ScheduleRow,
  toEngineLayer,
  toEngineOverride,
} from './schedule.repo.js';
import { DAY_MS } from './zone-time.js';

// Reading schedules for other code: definitions from the database, resolved by the pure engine.
//
// Who-is-on-call sits on the paging path, so each process keeps every schedule it has resolved in
// memory: its layers, its overrides from a little before now, and the resolved stretches over a
// window around the last question. Every change to a schedule, its layers or its overrides bumps
// the schedule's `version`. A process drops its own copy as soon as it commits a change; copies
// are re-checked against the database's version when older than FRESH_MS, so an edit made by
// another process is seen within that time. Within it, answers need no database round trip.

type Entry = {
  version: number;
  /** Clock time of the last version check. */
  checkedAt: number;
  schedule: ScheduleRow;
  layers: EngineLayer[];
  /** Active overrides ending after `overridesFrom`. */
  overrides: OverrideRow[];
  overridesFrom: number;
  window: { from: number; to: number; stretches: FinalShift[] } | null;
};

const caches = new WeakMap<object, Map<string, Entry>>();
/** How far back cached overrides reach, and how much of the past a cached window keeps. */
const CACHE_PAST_MS = 2 * DAY_MS;
const WINDOW_FUTURE_MS = 35 * DAY_MS;
/** How long a cached schedule is trusted without asking the database for its version. */
export const FRESH_MS = 2_000;

function cacheOf(ctx: AppContext): Map<string, Entry> {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new Map();
    caches.set(ctx.db, cache);
  }
  return cache;
}

/**
 * After a committed change to a schedule: forget this process's copy (and which team owns what),
 * then tell other domains.
 */
export function scheduleChanged(ctx: AppContext, scheduleId: string): void {
  cacheOf(ctx).delete(scheduleId);
  teamSchedulesCache.delete(ctx.db);
  ctx.events.emit('oncall.schedule_changed', { scheduleId });
}

/** Which schedules each team owns, re-read after FRESH_MS. */
const teamSchedulesCache = new WeakMap<object, Map<string, { at: number; ids: string[] }>>();

export async function scheduleIdsOfTeams(
  ctx: AppContext,
  teamIds: string[],
): Promise<{ id: string; team_id: string }[]> {
  let cache = teamSchedulesCache.get(ctx.db);
  if (!cache) {
    cache = new Map();
    teamSchedulesCache.set(ctx.db, cache);
  }
  const now = ctx.clock.now();
  const missing = teamIds.filter((id) => !(now - (cache.get(id)?.at ?? -Infinity) < FRESH_MS));
  if (missing.length > 0) {
    const rows = await listScheduleIdsOfTeams(ctx.db, missing);
    for (const teamId of missing)
      cache.set(teamId, { at: now, ids: rows.filter((r) => r.team_id === teamId).map((r) => r.id) });
  }
  return teamIds.flatMap((teamId) => (cache.get(teamId)?.ids ?? []).map((id) => ({ id, team_id: teamId })));
}

/** Fresh cache entries for `ids` (unknown ids are skipped). */
async function entries(ctx: AppContext, ids: string[]): Promise<Entry[]> {
  const cache = cacheOf(ctx);
  const now = ctx.clock.now();
  const cached = ids.map((id) => cache.get(id));
  if (cached.every((e) => e !== undefined && now - e.checkedAt < FRESH_MS)) return cached as Entry[];
  const versions = await getVersions(ctx.db, ids);
  const stale: string[] = [];
  for (const v of versions) {
    const entry = cache.get(v.id);
    if (entry?.version === v.version) entry.checkedAt = now;
    else stale.push(v.id);
  }
  if (stale.length > 0) await load(ctx, stale);
  return versions.map((v) => cache.get(v.id)).filter((e): e is Entry => e !== undefined);
}

async function load(ctx: AppContext, ids: string[]): Promise<void> {
  const overridesFrom = ctx.clock.now() - CACHE_PAST_MS;
  const [schedules, layers, overrides] = await Promise.all([
    ctx.db.selectFrom('schedules').selectAll().where('id', 'in', ids).execute(),
    listLayers(ctx.db, ids),
    listOverrides(ctx.db, ids, overridesFrom, Number.MAX_SAFE_INTEGER),
  ]);
  const layersOf = groupBy(layers, (l) => l.schedule_id);
  const overridesOf = groupBy(overrides, (o) => o.schedule_id);
  const cache = cacheOf(ctx);
  for (const schedule of schedules) {
    cache.set(schedule.id, {
      version: schedule.version,
      checkedAt: ctx.clock.now(),
      schedule,
      layers: (layersOf.get(schedule.id) ?? []).map(toEngineLayer),
      overrides: overridesOf.get(schedule.id) ?? [],
      overridesFrom,
      window: null,
    });
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

export type LoadedSchedule = { schedule: ScheduleRow; layers: EngineLayer[]; overrides: OverrideRow[] };

/** A schedule's definition with the overrides that touch [from, to). */
export async function loadSchedule(
  ctx: AppContext,
  scheduleId: string,
  from: number,
  to: number,
  ex: Executor = ctx.db,
): Promise<LoadedSchedule | null> {
  if (ex !== ctx.db) {
    // Inside a transaction: read what the transaction sees, bypassing the cache.
    const schedule = await ex.selectFrom('schedules').selectAll().where('id', '=', scheduleId).executeTakeFirst();
    if (!schedule) return null;
    const [layers, overrides] = await Promise.all([
      listLayers(ex, [scheduleId]),
      listOverrides(ex, [scheduleId], from, to),
    ]);
    return { schedule, layers: layers.map(toEngineLayer), overrides };
  }
  return (await loadSchedules(ctx, [scheduleId], from, to)).get(scheduleId) ?? null;
}

/**
 * Several schedules' definitions with the overrides that touch [from, to), by id (unknown ids are
 * left out), in a few queries whatever their number: use it wherever many schedules are resolved.
 *
 * @example
 * const loaded = await loadSchedules(ctx, ids, from, to);
 * for (const id of ids) { const l = loaded.get(id); if (l) resolveLoaded(l, from, to); }
 */
export async function loadSchedules(
  ctx: AppContext,
  scheduleIds: string[],
  from: number,
  to: number,
): Promise<Map<string, LoadedSchedule>> {
  const found = await entries(ctx, [...new Set(scheduleIds)]);
  // Cached overrides reach back CACHE_PAST_MS; a range starting earlier reads its own.
  const older = found.filter((e) => from < e.overridesFrom).map((e) => e.schedule.id);
  const olderOverrides = groupBy(
    older.length > 0 ? await listOverrides(ctx.db, older, from, to) : [],
    (o) => o.schedule_id,
  );
  const out = new Map<string, LoadedSchedule>();
  for (const entry of found) {
    const id = entry.schedule.id;
    const overrides =
      from >= entry.overridesFrom
        ? entry.overrides.filter((o) => o.end_at > from && o.start_at < to)
        : (olderOverrides.get(id) ?? []);
    out.set(id, { schedule: entry.schedule, layers: entry.layers, overrides });
  }
  return out;
}

/** How many schedules start-up warms at most: a big installation must not start slowly. */
const WARM_LIMIT = 500;
const WARM_BATCH = 100;

/**
 * Reads up to WARM_LIMIT schedules into this process's cache and resolves who is on call around
 * now, in batches, so the first pages after a restart pay neither the database nor the engine's
 * first (unoptimised, zone-loading) runs. Yields between batches so requests are served meanwhile.
 * Errors are logged, never thrown: a cold cache is only slower.
 */
export async function warmScheduleCache(ctx: AppContext): Promise<void> {
  try {
    const ids = (await listAllScheduleIds(ctx.db, WARM_LIMIT)).map((r) => r.id);
    for (let i = 0; i < ids.length; i += WARM_BATCH) {
      await onCallAt(ctx, ids.slice(i, i + WARM_BATCH), ctx.clock.now());
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    ctx.log.warn({ err }, 'could not warm the schedule cache');
  }
}

/** Resolves a loaded schedule over [from, to). */
export function resolveLoaded(loaded: LoadedSchedule, from: number, to: number): Resolved {
  return resolveSchedule({ layers: loaded.layers, overrides: loaded.overrides.map(toEngineOverride) }, from, to);
}

export type OnCallNow = { schedule: ScheduleRow; stretch: FinalShift | null };

/**
 * Who is on call at `at` in each schedule: the person's unbroken stretch (joined across layers and
 * overrides), or null for a gap. Served from memory after the first call.
 *
 * @example
 * const [{ stretch }] = await onCallAt(ctx, [scheduleId], ctx.clock.now());
 */
export async function onCallAt(ctx: AppContext, scheduleIds: string[], at: number): Promise<OnCallNow[]> {
  const out: OnCallNow[] = [];
  for (const entry of await entries(ctx, scheduleIds)) {
    let window = entry.window;
    if (!window || at < window.from || at >= window.to - DAY_MS) {
      const from = at - CACHE_PAST_MS;
      const to = at + WINDOW_FUTURE_MS;
      const overrides =
        from >= entry.overridesFrom ? entry.overrides : await listOverrides(ctx.db, [entry.schedule.id], from, to);
      const { final } = resolveSchedule({ layers: entry.layers, overrides: overrides.map(toEngineOverride) }, from, to);
      window = { from, to, stretches: onCallStretches(final) };
      entry.window = window;
    }
    out.push({ schedule: entry.schedule, stretch: shiftAt(window.stretches, at) });
  }
  return out;
}
