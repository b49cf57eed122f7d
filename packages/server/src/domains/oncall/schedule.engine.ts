import { DAY_MS, HOUR_MS, isoWeekday, localDayOf, localInstant, parseLocalDate, parseLocalTime } from './zone-time.js';

// The schedule engine: pure functions from a schedule's definition and a range to shifts.
// No database, no clock: `now` and ranges are arguments, so every rule is a table test.
// Ranges are half-open [start, end) in epoch ms.

export type RotationUnit = 'hour' | 'day' | 'week';

export type EngineRestriction = { days: number[]; start: string; end: string; timeZone?: string | undefined };

export type EngineLayer = {
  id: string;
  name?: string;
  /** Higher wins where it has someone. */
  position: number;
  participants: readonly string[];
  rotation: { unit: RotationUnit; every: number };
  handoffTime: string;
  timeZone: string;
  startDate: string;
  restrictions: readonly EngineRestriction[];
};

export type EngineOverride = {
  id: string;
  userId: string;
  /** Null: on call for the whole range, whoever the layers say (and in their gaps). */
  replacedUserId: string | null;
  start: number;
  end: number;
  /** Overrides apply in creation order, so the most recent wins where they overlap. */
  createdAt: number;
};

export type ScheduleDefinition = { layers: readonly EngineLayer[]; overrides: readonly EngineOverride[] };

export type Interval = { start: number; end: number };

export type LayerShift = { start: number; end: number; userId: string; layerId: string };

export type FinalShift = {
  start: number;
  end: number;
  userId: string;
  /** Winning layer, or null when an override decides. */
  layerId: string | null;
  overrideId: string | null;
};

/**
 * Handoff instants of a layer's rotation. Day and week rotations hand off at the local
 * `handoffTime` on every N-th local date, so a 09:00 handoff stays 09:00 across DST and a day
 * can last 23 or 25 hours. Hour rotations hand off every N elapsed hours from the first handoff.
 */
function handoffAt(layer: EngineLayer, startDay: number, handoffMinute: number, k: number): number {
  const { unit, every } = layer.rotation;
  if (unit === 'hour') return localInstant(layer.timeZone, startDay, handoffMinute) + k * every * HOUR_MS;
  const periodDays = unit === 'week' ? every * 7 : every;
  return localInstant(layer.timeZone, startDay + k * periodDays, handoffMinute);
}

/** The rotation's shifts overlapping [from, to), ignoring restrictions. */
export function rotationShifts(layer: EngineLayer, from: number, to: number): LayerShift[] {
  const out: LayerShift[] = [];
  const n = layer.participants.length;
  if (n === 0 || to <= from) return out;
  const startDay = parseLocalDate(layer.startDate);
  const minute = parseLocalTime(layer.handoffTime);
  const first = handoffAt(layer, startDay, minute, 0);
  let k = 0;
  if (from > first) {
    const approxPeriod =
      layer.rotation.unit === 'hour'
        ? layer.rotation.every * HOUR_MS
        : layer.rotation.every * (layer.rotation.unit === 'week' ? 7 : 1) * DAY_MS;
    k = Math.max(0, Math.floor((from - first) / approxPeriod));
    while (k > 0 && handoffAt(layer, startDay, minute, k) > from) k--;
    while (handoffAt(layer, startDay, minute, k + 1) <= from) k++;
  }
  let start = handoffAt(layer, startDay, minute, k);
  while (start < to) {
    const end = handoffAt(layer, startDay, minute, k + 1);
    if (end > from) {
      out.push({
        start: Math.max(start, from),
        end: Math.min(end, to),
        userId: layer.participants[k % n]!,
        layerId: layer.id,
      });
    }
    k++;
    start = end;
  }
  return out;
}

/** The union of a layer's restriction windows overlapping [from, to), sorted and merged. */
export function restrictionWindows(
  restrictions: readonly EngineRestriction[],
  defaultZone: string,
  from: number,
  to: number,
): Interval[] {
  const windows: Interval[] = [];
  for (const r of restrictions) {
    const zone = r.timeZone ?? defaultZone;
    const startMinute = parseLocalTime(r.start);
    const endMinute = parseLocalTime(r.end);
    const overnight = endMinute <= startMinute;
    // A window starting the day before `from` may still be open at `from`.
    const firstDay = localDayOf(zone, from) - 1;
    const lastDay = localDayOf(zone, to);
    for (let day = firstDay; day <= lastDay; day++) {
      if (r.days.length > 0 && !r.days.includes(isoWeekday(day))) continue;
      const start = localInstant(zone, day, startMinute);
      const end = localInstant(zone, overnight ? day + 1 : day, endMinute);
      if (end > from && start < to && end > start)
        windows.push({ start: Math.max(start, from), end: Math.min(end, to) });
    }
  }
  return mergeIntervals(windows);
}

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  if (intervals.length < 2) return intervals;
  intervals.sort((a, b) => a.start - b.start);
  const out: Interval[] = [intervals[0]!];
  for (let i = 1; i < intervals.length; i++) {
    const cur = intervals[i]!;
    const last = out[out.length - 1]!;
    if (cur.start <= last.end) last.end = Math.max(last.end, cur.end);
    else out.push(cur);
  }
  return out;
}

/** A layer's shifts over [from, to): its rotation cut to its restriction windows. */
export function layerShifts(layer: EngineLayer, from: number, to: number): LayerShift[] {
  const shifts = rotationShifts(layer, from, to);
  if (layer.restrictions.length === 0 || shifts.length === 0) return shifts;
  const windows = restrictionWindows(layer.restrictions, layer.timeZone, from, to);
  const out: LayerShift[] = [];
  let w = 0;
  for (const shift of shifts) {
    while (w < windows.length && windows[w]!.end <= shift.start) w++;
    for (let i = w; i < windows.length && windows[i]!.start < shift.end; i++) {
      const start = Math.max(shift.start, windows[i]!.start);
      const end = Math.min(shift.end, windows[i]!.end);
      if (end > start) out.push({ start, end, userId: shift.userId, layerId: shift.layerId });
    }
  }
  return out;
}

/** The result of resolving a schedule over a range. */
export type Resolved = { final: FinalShift[]; layers: Map<string, LayerShift[]> };

/**
 * The final schedule over [from, to): at every instant the highest layer with someone wins,
 * a layer with a gap falls through to the next one down, and overrides sit on top. Overrides apply
 * oldest first; one naming a replaced person applies where the layers put that person on call or
 * where an older override did. So a newer override wins over an older one for the same person, and
 * "B covers A" chains onto an older "A covers C". Adjacent pieces with the same person and source
 * are merged.
 *
 * @example
 * const { final } = resolveSchedule({ layers, overrides: [] }, Date.parse('2026-03-01T00:00Z'), Date.parse('2026-04-01T00:00Z'));
 */
export function resolveSchedule(def: ScheduleDefinition, from: number, to: number): Resolved {
  const ordered = [...def.layers].sort((a, b) => b.position - a.position);
  const perLayer: LayerShift[][] = ordered.map((layer) => layerShifts(layer, from, to));
  const layers = new Map<string, LayerShift[]>();
  for (const [i, layer] of ordered.entries()) layers.set(layer.id, perLayer[i]!);

  const overrides = def.overrides
    .filter((o) => o.end > from && o.start < to && o.end > o.start)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  const points: number[] = [from, to];
  for (const shifts of perLayer) for (const s of shifts) points.push(s.start, s.end);
  for (const o of overrides) points.push(Math.max(o.start, from), Math.min(o.end, to));
  const bounds = Float64Array.from(points).sort();

  const cursor = new Int32Array(perLayer.length);
  const final: FinalShift[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const start = bounds[b]!;
    const end = bounds[b + 1]!;
    if (end <= start) continue;
    let userId: string | null = null;
    let layerId: string | null = null;
    for (let l = 0; l < perLayer.length; l++) {
      const shifts = perLayer[l]!;
      let c = cursor[l]!;
      while (c < shifts.length && shifts[c]!.end <= start) c++;
      cursor[l] = c;
      if (userId === null && c < shifts.length && shifts[c]!.start <= start) {
        userId = shifts[c]!.userId;
        layerId = shifts[c]!.layerId;
      }
    }
    let overrideId: string | null = null;
    const baseUserId = userId;
    for (const o of overrides) {
      const applies = o.replacedUserId === null || o.replacedUserId === userId || o.replacedUserId === baseUserId;
      if (applies && o.start <= start && o.end >= end) {
        userId = o.userId;
        layerId = null;
        overrideId = o.id;
      }
    }
    if (userId === null) continue;
    const last = final[final.length - 1];
    if (
      last &&
      last.end === start &&
      last.userId === userId &&
      last.layerId === layerId &&
      last.overrideId === overrideId
    ) {
      last.end = end;
    } else {
      final.push({ start, end, userId, layerId, overrideId });
    }
  }
  return { final, layers };
}

/** Times in [from, to) when nobody is on call. */
export function coverageGaps(final: readonly FinalShift[], from: number, to: number): Interval[] {
  const gaps: Interval[] = [];
  let cursor = from;
  for (const shift of final) {
    if (shift.start > cursor) gaps.push({ start: cursor, end: Math.min(shift.start, to) });
    cursor = Math.max(cursor, shift.end);
  }
  if (cursor < to) gaps.push({ start: cursor, end: to });
  return gaps;
}

/**
 * Stretches of one person on call without a break: adjacent final shifts of the same person
 * (from different layers or overrides) join into one. Handoff notices and "on call until" use these.
 */
export function onCallStretches(final: readonly FinalShift[]): FinalShift[] {
  const out: FinalShift[] = [];
  for (const shift of final) {
    const last = out[out.length - 1];
    if (last && last.end === shift.start && last.userId === shift.userId) last.end = shift.end;
    else out.push({ ...shift });
  }
  return out;
}

/** The final shift covering `at`, or null (binary search over sorted shifts). */
export function shiftAt<T extends Interval>(shifts: readonly T[], at: number): T | null {
  let lo = 0;
  let hi = shifts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = shifts[mid]!;
    if (s.end <= at) lo = mid + 1;
    else if (s.start > at) hi = mid - 1;
    else return s;
  }
  return null;
}
