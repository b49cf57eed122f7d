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
 * holds from the beginning of time. Days are compared with Luxon, and each change is then found to
 * the minute by bisection, so a year costs a few hundred zone lookups.
 *
 * @example
 * offsetSegments('Europe/Berlin', Date.parse('2026-03-01T00:00Z'), Date.parse('2026-04-01T00:00Z'));
 * // [[-8.64e15, 3_600_000], [Date.parse('2026-03-29T01:00Z'), 7_200_000]]
 */
export function offsetSegments(zone: string, from: number, to: number): [number, number][] {
  const z = IANAZone.isValidZone(zone) ? IANAZone.create(zone) : IANAZone.create('UTC');
  const offset = (at: number) => z.offset(at) * 60_000;
  const segments: [number, number][] = [[-8.64e15, offset(from)]];
  for (let day = from; day < to; day += DAY) {
    const next = Math.min(day + DAY, to);
    if (offset(next) === segments[segments.length - 1]![1]) continue;
    let lo = Math.floor(day / MINUTE) * MINUTE;
    let hi = next;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    segments.push([hi, offset(hi)]);
  }
  return segments;
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

/** The index in `starts` (ascending) of the week holding `at`; -1 before the first. */
export function weekIndex(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
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
