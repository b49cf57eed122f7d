import type { WorkingHours } from '@firebreak/shared';
import { DateTime } from 'luxon';

// When a person works, in their own time zone. Pure: the caller passes the instant and the zone.

export type Hours = { days: readonly number[]; start: string; end: string; zone: string };

export function hoursOf(hours: WorkingHours, profileZone: string): Hours {
  return { days: hours.days, start: hours.start, end: hours.end, zone: hours.timeZone ?? profileZone };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working windows that start on local dates from `at - 1 day` to `at + lastDay days`, in order. */
function windowsAround(at: number, hours: Hours, lastDay = 8): { start: number; end: number }[] {
  const startMin = minutesOf(hours.start);
  const endMin = minutesOf(hours.end);
  // An end at or before the start is a shift past midnight: it ends on the next local date.
  const overnight = endMin <= startMin;
  const today = DateTime.fromMillis(at, { zone: hours.zone }).startOf('day');
  const out: { start: number; end: number }[] = [];
  for (let d = -1; d <= lastDay; d++) {
    const date = today.plus({ days: d });
    if (!hours.days.includes(date.weekday)) continue;
    const start = date.set({ hour: Math.floor(startMin / 60), minute: startMin % 60 });
    const endDate = overnight ? date.plus({ days: 1 }) : date;
    const end = endDate.set({ hour: Math.floor(endMin / 60), minute: endMin % 60 });
    out.push({ start: start.toMillis(), end: end.toMillis() });
  }
  return out;
}

/** True when `at` falls inside the person's working hours. */
export function isWorkingTime(at: number, hours: Hours): boolean {
  // Only a window starting today or yesterday (a shift past midnight) can contain `at`: every step
  // of every page asks, so the week ahead is not built for it.
  return windowsAround(at, hours, 0).some((w) => at >= w.start && at < w.end);
}

/**
 * `at` itself when it is working time, else the start of the next working window; `at` when the
 * person has no working days at all (nothing to wait for, so nothing waits).
 *
 * @example
 * // Friday 20:00 in Berlin, Mon–Fri 09–18 → Monday 09:00 Berlin time
 * nextWorkingStart(Date.parse('2026-01-09T19:00:00Z'), { days: [1,2,3,4,5], start: '09:00', end: '18:00', zone: 'Europe/Berlin' });
 */
export function nextWorkingStart(at: number, hours: Hours): number {
  const windows = windowsAround(at, hours);
  if (windows.some((w) => at >= w.start && at < w.end)) return at;
  return windows.find((w) => w.start > at)?.start ?? at;
}
