import { type ComponentStatus, worstComponentStatus } from '@firebreak/shared';
import { DateTime } from 'luxon';

// Uptime bars from a component's status history: one bar per calendar day in the page's zone.
// As on Atlassian Statuspage, a major outage counts fully as downtime and a partial outage at
// 30%; degraded performance and maintenance count as up. Days before the component existed (or
// before its start date) have no data and do not count.

export const PARTIAL_OUTAGE_WEIGHT = 0.3;

export type Period = { status: ComponentStatus; started_at: number; ended_at: number | null };

export type DayBar = {
  /** YYYY-MM-DD in the page's zone. */
  date: string;
  /** Worst status seen that day; null when there is no data for the day. */
  worst: ComponentStatus | null;
  /** 0–100, or null when there is no data. */
  uptime: number | null;
  majorMs: number;
  partialMs: number;
};

export type Uptime = { days: DayBar[]; percent: number | null };

/**
 * @example
 * uptimeBars(periods, { now, zone: 'Europe/Berlin', days: 90, since: createdAt });
 */
export function uptimeBars(
  periods: Period[],
  options: { now: number; zone: string; days: number; since: number },
): Uptime {
  const today = DateTime.fromMillis(options.now, { zone: options.zone }).startOf('day');
  const days: DayBar[] = [];
  let counted = 0;
  let down = 0;
  for (let i = options.days - 1; i >= 0; i--) {
    const day = today.minus({ days: i });
    const dayStart = Math.max(day.toMillis(), options.since);
    const dayEnd = Math.min(day.plus({ days: 1 }).toMillis(), options.now);
    const date = day.toISODate()!;
    if (dayEnd <= dayStart) {
      days.push({ date, worst: null, uptime: null, majorMs: 0, partialMs: 0 });
      continue;
    }
    const seen: ComponentStatus[] = [];
    let majorMs = 0;
    let partialMs = 0;
    for (const p of periods) {
      const from = Math.max(p.started_at, dayStart);
      const to = Math.min(p.ended_at ?? options.now, dayEnd);
      if (to <= from) continue;
      seen.push(p.status);
      if (p.status === 'major_outage') majorMs += to - from;
      if (p.status === 'partial_outage') partialMs += to - from;
    }
    const length = dayEnd - dayStart;
    const dayDown = majorMs + PARTIAL_OUTAGE_WEIGHT * partialMs;
    counted += length;
    down += dayDown;
    days.push({
      date,
      worst: seen.length ? worstComponentStatus(seen) : 'operational',
      uptime: round2(100 * (1 - dayDown / length)),
      majorMs,
      partialMs,
    });
  }
  return { days, percent: counted > 0 ? round2(100 * (1 - down / counted)) : null };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
