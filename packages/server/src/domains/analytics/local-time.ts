import { DateTime, IANAZone } from 'luxon';

// Local time with Luxon: weeks and months in the organisation's zone, and each zone's offset
// changes over a range (so the database can count pages by a person's local hour).

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Sleep hours: 22:00 up to 07:00 in the person's own zone. */
export const SLEEP_FROM = 22;
export const SLEEP_UNTIL = 7;
export const isSleepHour = (hour: number): boolean => hour >= SLEEP_FROM || hour < SLEEP_UNTIL;

/**
 * The zone's UTC offsets over [from, to) as [start, offsetMs] pairs, ascending; the first pair
 * holds from the beginning of time. Built from each UTC year's offset changes, found once per zone
 * and year (zone lookups cost microseconds each, and every figure request would repeat them).
 *
 * @example
 * offsetSegments('Europe/Berlin', Date.parse('2026-03-01T00:00Z'), Date.parse('2026-04-01T00:00Z'));
 * // [[-8.64e15, 3_600_000], [Date.parse('2026-03-29T01:00Z'), 7_200_000]]
 */
export function offsetSegments(zone: string, from: number, to: number): [number, number][] {
  const z = zoneOf(zone);
  const segments: [number, number][] = [[-8.64e15, z.offset(from) * MINUTE]];
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const change of changesIn(z, year)) if (change[0] > from && change[0] <= to) segments.push(change);
  }
  return segments;
}

const zones = new Map<string, IANAZone>();
const changesByYear = new Map<string, [number, number][]>();

/** The zone by name (an unknown name counts as UTC), kept: checking a name costs a formatter. */
function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(IANAZone.isValidZone(name) ? name : 'UTC');
    zones.set(name, zone);
  }
  return zone;
}

/**
 * The zone's offset changes in one UTC year, to the minute: days are compared, and each change is
 * then found by bisection. A year costs a few hundred lookups, once per process.
 */
function changesIn(zone: IANAZone, year: number): [number, number][] {
  const key = `${zone.name}:${year}`;
  const known = changesByYear.get(key);
  if (known) return known;
  const offset = (at: number) => zone.offset(at) * MINUTE;
  const changes: [number, number][] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let before = offset(Date.UTC(year, 0, 1));
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY) {
    const after = offset(day + DAY);
    if (after === before) continue;
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    changes.push([hi, offset(hi)]);
    before = after;
  }
  changesByYear.set(key, changes);
  return changes;
}

/**
 * The start (Monday 00:00 in `zone`) of every week that [from, to) touches, oldest first.
 *
 * @example
 * weekStarts(Date.parse('2026-01-07T00:00Z'), Date.parse('2026-01-13T00:00Z'), 'UTC');
 * // [2026-01-05T00:00Z, 2026-01-12T00:00Z]
 */
export function weekStarts(from: number, to: number, zone: string): number[] {
  const out: number[] = [];
  let week = DateTime.fromMillis(from, { zone }).startOf('week');
  while (week.toMillis() < to) {
    out.push(week.toMillis());
    week = week.plus({ weeks: 1 });
  }
  return out;
}

/** Start of the month holding `at` in `zone`, and of the month before. */
export function monthStarts(at: number, zone: string): { thisMonth: number; lastMonth: number } {
  const start = DateTime.fromMillis(at, { zone }).startOf('month');
  return { thisMonth: start.toMillis(), lastMonth: start.minus({ months: 1 }).toMillis() };
}

/** The same point in the month before (clamped to its last day): "the same days of last month". */
export function sameTimeLastMonth(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).minus({ months: 1 }).toMillis();
}
