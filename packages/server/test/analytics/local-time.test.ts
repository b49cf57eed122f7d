import { describe, expect, it } from 'vitest';
import { monthStarts, offsetSegments, sameTimeLastMonth, weekStarts } from '../../src/domains/analytics/local-time.js';
import { durationStats, percentileOf } from '../../src/domains/analytics/stats.js';

// Pure time and arithmetic rules of the figures (the SQL that applies them runs in figures.test.ts).

describe('analytics local time', () => {
  it('finds a zone’s offset changes to the minute (DST in Berlin and New York, none in Tokyo)', () => {
    const from = Date.parse('2026-03-01T00:00:00Z');
    const to = Date.parse('2026-11-30T00:00:00Z');
    expect(offsetSegments('Europe/Berlin', from, to).slice(1)).toEqual([
      [Date.parse('2026-03-29T01:00:00Z'), 2 * 3_600_000],
      [Date.parse('2026-10-25T01:00:00Z'), 3_600_000],
    ]);
    expect(offsetSegments('America/New_York', from, to).slice(1)).toEqual([
      [Date.parse('2026-03-08T07:00:00Z'), -4 * 3_600_000],
      [Date.parse('2026-11-01T06:00:00Z'), -5 * 3_600_000],
    ]);
    expect(offsetSegments('Asia/Tokyo', from, to)).toEqual([[-8.64e15, 9 * 3_600_000]]);
    expect(offsetSegments('Asia/Kolkata', from, to)[0]![1]).toBe(5.5 * 3_600_000);
  });

  it('joins the changes of each year a range spans, and only those inside it', () => {
    const from = Date.parse('2025-10-01T00:00:00Z');
    expect(offsetSegments('America/New_York', from, Date.parse('2026-04-01T00:00:00Z'))).toEqual([
      [-8.64e15, -4 * 3_600_000],
      [Date.parse('2025-11-02T06:00:00Z'), -5 * 3_600_000],
      [Date.parse('2026-03-08T07:00:00Z'), -4 * 3_600_000],
    ]);
    // Ending a minute before the spring change, starting just after the autumn one.
    const after = Date.parse('2025-11-02T06:01:00Z');
    expect(offsetSegments('America/New_York', after, Date.parse('2026-03-08T06:59:00Z'))).toEqual([
      [-8.64e15, -5 * 3_600_000],
    ]);
    // Southern hemisphere: Sydney leaves summer time in April, enters it in October.
    expect(offsetSegments('Australia/Sydney', from, Date.parse('2026-12-01T00:00:00Z')).slice(1)).toEqual([
      [Date.parse('2025-10-04T16:00:00Z'), 11 * 3_600_000],
      [Date.parse('2026-04-04T16:00:00Z'), 10 * 3_600_000],
      [Date.parse('2026-10-03T16:00:00Z'), 11 * 3_600_000],
    ]);
    expect(offsetSegments('Not/AZone', from, Date.parse('2026-04-01T00:00:00Z'))).toEqual([[-8.64e15, 0]]);
  });

  it('lists the Monday-midnight weeks a range touches, in the organisation’s zone', () => {
    const starts = weekStarts(Date.parse('2026-03-25T12:00:00Z'), Date.parse('2026-04-02T00:00:00Z'), 'Europe/Berlin');
    // Monday 23 March 00:00 CET, then Monday 30 March 00:00 CEST (an hour less in UTC after the change).
    expect(starts).toEqual([Date.parse('2026-03-22T23:00:00Z'), Date.parse('2026-03-29T22:00:00Z')]);
  });

  it('compares month to date with the same days of last month', () => {
    const now = Date.parse('2026-03-31T10:00:00Z');
    expect(monthStarts(now, 'UTC')).toEqual({
      thisMonth: Date.parse('2026-03-01T00:00:00Z'),
      lastMonth: Date.parse('2026-02-01T00:00:00Z'),
    });
    // February has no 31st: the comparison stops at its last day.
    expect(sameTimeLastMonth(now, 'UTC')).toBe(Date.parse('2026-02-28T10:00:00Z'));
  });

  it('interpolates percentiles like percentile_cont', () => {
    expect(percentileOf([10, 20, 30, 40], 50)).toBe(25);
    expect(percentileOf([10, 20, 30, 40], 90)).toBe(37);
    expect(percentileOf([7], 90)).toBe(7);
    expect(percentileOf([], 50)).toBeNull();
    expect(durationStats([40, -5, 10, 30, 20])).toEqual({ count: 4, meanMs: 25, p50Ms: 25, p90Ms: 37 });
  });
});
