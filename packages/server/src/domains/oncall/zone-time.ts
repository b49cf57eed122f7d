import { IANAZone } from 'luxon';

// Local wall-clock time → instant, with Luxon deciding every UTC offset.
//
// The engine asks for thousands of handoffs and window edges per request, and a Luxon call costs
// several microseconds, so Luxon's answers are memoised: per zone and local day we ask Luxon once
// whether the offset is the same on both sides of the day. On such a day (all but a handful a year)
// a local time maps to `wall - offset` with the offset Luxon gave. On a day with a transition every
// local time is resolved with Luxon instant by instant and memoised, applying our DST rules:
//   - a local time that does not exist (spring-forward gap) → the first instant after the gap,
//     i.e. the transition itself (02:30 on a 02:00→03:00 night becomes 03:00);
//   - a local time that exists twice (fall-back overlap) → the earlier instant (the offset in force
//     before the transition).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

type ZoneMemo = {
  zone: IANAZone;
  /** Local day number → offset in minutes when uniform all day, or NaN on a transition day. */
  days: Map<number, number>;
  /** `day*1440+minute` → instant, for transition days only. */
  edges: Map<number, number>;
};

const zones = new Map<string, ZoneMemo>();
const MAX_MEMO = 200_000;

function memoFor(name: string): ZoneMemo {
  let memo = zones.get(name);
  if (!memo) {
    const zone = IANAZone.create(name);
    if (!zone.isValid) throw new RangeError(`Unknown time zone "${name}"`);
    memo = { zone, days: new Map(), edges: new Map() };
    zones.set(name, memo);
  }
  if (memo.days.size > MAX_MEMO) memo.days.clear();
  if (memo.edges.size > MAX_MEMO) memo.edges.clear();
  return memo;
}

/** True when Luxon knows the zone. */
export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Offset of `zone` at `instant`, in minutes, from Luxon. */
export function offsetAt(zoneName: string, instant: number): number {
  return memoFor(zoneName).zone.offset(instant);
}

/**
 * The instant of local `day` (days since 1970-01-01) at `minute` (0–1440) in `zoneName`.
 *
 * @example
 * localInstant('Europe/Berlin', dayNumber(2026, 3, 29), 9 * 60) // 09:00 CEST → 07:00Z
 */
export function localInstant(zoneName: string, day: number, minute: number): number {
  const memo = memoFor(zoneName);
  const wall = day * DAY_MS + minute * MINUTE_MS;
  let uniform = memo.days.get(day);
  if (uniform === undefined) {
    // Any instant of a local day lies within [wall - 14h, wall + 24h + 12h]: sample both ends.
    const before = memo.zone.offset(day * DAY_MS - 15 * HOUR_MS);
    const after = memo.zone.offset(day * DAY_MS + 37 * HOUR_MS);
    uniform = before === after ? before : Number.NaN;
    memo.days.set(day, uniform);
  }
  if (!Number.isNaN(uniform)) return wall - uniform * MINUTE_MS;
  const key = day * 1441 + minute;
  let instant = memo.edges.get(key);
  if (instant === undefined) {
    instant = resolveAroundTransition(memo.zone, wall);
    memo.edges.set(key, instant);
  }
  return instant;
}

function resolveAroundTransition(zone: IANAZone, wall: number): number {
  const before = zone.offset(wall - 2 * DAY_MS);
  const after = zone.offset(wall + 2 * DAY_MS);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * MINUTE_MS;
    if (zone.offset(instant) === offset) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // Gap: the instant `wall - after` still has the old offset and `wall - before` the new one.
  // Binary search the transition between them; its local time is the first valid one after `wall`.
  let lo = wall - Math.max(before, after) * MINUTE_MS;
  let hi = wall - Math.min(before, after) * MINUTE_MS;
  const oldOffset = zone.offset(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === oldOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Local day number (days since 1970-01-01 in the zone's calendar) of an instant. */
export function localDayOf(zoneName: string, instant: number): number {
  return Math.floor((instant + offsetAt(zoneName, instant) * MINUTE_MS) / DAY_MS);
}

// Civil-calendar arithmetic (no zones involved): days since 1970-01-01 ↔ year/month/day.
// Howard Hinnant's days_from_civil / civil_from_days.

export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** "2026-03-29" → day number. */
export function parseLocalDate(text: string): number {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/** "09:30" → minutes after midnight. */
export function parseLocalTime(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
