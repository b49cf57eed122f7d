import { describe, expect, it } from 'vitest';
import { addDays, formatDuration, fromLocalInput, instantOf, offsetAt, toLocalInput, wallAt, weekday } from './zone.js';

const at = (iso: string) => Date.parse(iso);
const wall = (s: string) => {
  const [date = '', time = ''] = s.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
};

describe('instantOf: a local time in a zone, by the server’s rules', () => {
  it.each([
    ['ordinary winter time', 'Europe/Berlin', '2026-01-15T09:00', '2026-01-15T08:00:00Z'],
    ['ordinary summer time', 'Europe/Berlin', '2026-07-15T09:00', '2026-07-15T07:00:00Z'],
    ['half-hour zone without DST', 'Asia/Kolkata', '2026-03-08T09:00', '2026-03-08T03:30:00Z'],
    ['southern hemisphere summer', 'Australia/Sydney', '2026-01-15T09:00', '2026-01-14T22:00:00Z'],
    ['spring-forward gap → the transition', 'America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00Z'],
    ['fall-back overlap → the earlier instant', 'America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00Z'],
    ['45-minute zone, gap → the transition', 'Pacific/Chatham', '2026-09-27T03:00', '2026-09-26T14:00:00Z'],
    ['UTC', 'UTC', '2026-02-28T23:59', '2026-02-28T23:59:00Z'],
  ])('%s (%s %s)', (_, zone, local, expected) => {
    expect(new Date(instantOf(wall(local), zone)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('round-trips every hour of 2026 in New York through the wall clock', () => {
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 3_600_000) {
      const w = wallAt(t, 'America/New_York');
      const back = instantOf(w, 'America/New_York');
      // The second 01:xx of the fall-back night resolves to the first, an hour earlier.
      expect([t, t - 3_600_000]).toContain(back);
    }
  });
});

describe('offsets, dates and inputs', () => {
  it('reads the offset of a zone at an instant', () => {
    expect(offsetAt(at('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(offsetAt(at('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(at('2026-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('counts calendar days across months and years', () => {
    expect(addDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({ year: 2027, month: 1, day: 2 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(weekday({ year: 2026, month: 11, day: 23 })).toBe(1);
    expect(weekday({ year: 2026, month: 11, day: 29 })).toBe(7);
  });

  it('shows and reads datetime-local values in the chosen zone', () => {
    const t = at('2026-11-23T08:00:00Z');
    expect(toLocalInput(t, 'Europe/Berlin')).toBe('2026-11-23T09:00');
    expect(toLocalInput(t, 'UTC')).toBe('2026-11-23T08:00');
    expect(fromLocalInput('2026-11-23T09:00', 'Europe/Berlin')).toBe(t);
    expect(fromLocalInput('', 'Europe/Berlin')).toBeNull();
  });

  it('writes durations as a person says them', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
  });
});
