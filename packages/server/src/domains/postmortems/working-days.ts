import { DateTime } from 'luxon';

/**
 * `days` working days (Monday–Friday in `zone`) after `from`, at the same wall-clock time, so a
 * draft "due in 2 working days" from Friday 15:00 is due Tuesday 15:00, across DST changes too.
 * Something resolved on a weekend counts from that weekend: Saturday + 2 → Tuesday.
 * Public holidays are not known here.
 *
 * @example
 * addWorkingDays(Date.parse('2026-01-09T15:00:00Z'), 2, 'UTC'); // 2026-01-13T15:00Z (Tuesday)
 */
export function addWorkingDays(from: number, days: number, zone: string): number {
  let at = DateTime.fromMillis(from, { zone });
  if (!at.isValid) throw new Error(`addWorkingDays: invalid time zone "${zone}"`);
  let counted = 0;
  while (counted < days) {
    at = at.plus({ days: 1 });
    if (at.weekday <= 5) counted++;
  }
  return at.toMillis();
}
