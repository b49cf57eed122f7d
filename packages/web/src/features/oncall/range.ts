import { addDays, HOUR_MS, isoDate, type LocalDate, startOfDate, wallAt, weekday } from './zone.js';

export const VIEWS = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: '2weeks', label: '2 weeks' },
  { value: 'month', label: 'Month' },
] as const;
export type View = (typeof VIEWS)[number]['value'];

export type TimelineRange = {
  from: number;
  to: number;
  /** Lines to draw, each at an instant with its label (days, or hours in the day view). */
  ticks: { at: number; label: string; major: boolean }[];
};

/** First local date the view shows around `anchor`: the day, the Monday of its week, or the 1st. */
export function viewStart(view: View, anchor: LocalDate): LocalDate {
  if (view === 'day') return anchor;
  if (view === 'month') return { ...anchor, day: 1 };
  return addDays(anchor, 1 - weekday(anchor));
}

function viewEnd(view: View, start: LocalDate): LocalDate {
  if (view === 'day') return addDays(start, 1);
  if (view === 'week') return addDays(start, 7);
  if (view === '2weeks') return addDays(start, 14);
  return start.month === 12
    ? { year: start.year + 1, month: 1, day: 1 }
    : { year: start.year, month: start.month + 1, day: 1 };
}

/** The anchor one view earlier (`-1`) or later (`1`). */
export function stepAnchor(view: View, anchor: LocalDate, direction: 1 | -1): LocalDate {
  const start = viewStart(view, anchor);
  if (direction === 1) return viewEnd(view, start);
  if (view === 'month') return viewStart('month', addDays(start, -1));
  return addDays(start, view === 'day' ? -1 : view === 'week' ? -7 : -14);
}

/** Today's date in `zone`. */
export function today(zone: string, now = Date.now()): LocalDate {
  return wallAt(now, zone);
}

// A calendar date has no zone: format it as the UTC midnight of the same date.
const utcOf = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day);
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

/** The instants a view spans in `zone`, with its grid: a line per day, or per 3 hours for one day. */
export function timelineRange(view: View, anchor: LocalDate, zone: string): TimelineRange {
  const start = viewStart(view, anchor);
  const end = viewEnd(view, start);
  const from = startOfDate(start, zone);
  const to = startOfDate(end, zone);
  const ticks: TimelineRange['ticks'] = [];
  if (view === 'day') {
    // Elapsed hours, so a DST day shows its 23 or 25 hours honestly.
    for (let t = from; t < to; t += 3 * HOUR_MS) {
      const w = wallAt(t, zone);
      ticks.push({
        at: t,
        label: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
        major: t === from,
      });
    }
  } else {
    for (let d = start; isoDate(d) < isoDate(end); d = addDays(d, 1)) {
      ticks.push({ at: startOfDate(d, zone), label: dayLabel.format(utcOf(d)), major: weekday(d) === 1 });
    }
  }
  return { from, to, ticks };
}

/** A heading for the range: "23 – 29 Nov 2026", "November 2026". */
export function rangeTitle(view: View, anchor: LocalDate): string {
  const start = viewStart(view, anchor);
  if (view === 'month') {
    return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcOf(start));
  }
  const format = new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (view === 'day') return format.format(utcOf(start));
  const last = addDays(viewEnd(view, start), -1);
  return format.formatRange(utcOf(start), utcOf(last));
}
