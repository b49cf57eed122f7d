import { describe, expect, it } from 'vitest';
import { overallStatus } from '../../src/domains/statuspage/public/page-model.js';
import { uptimeBars } from '../../src/domains/statuspage/public/uptime.js';

const DAY = 86_400_000;
const now = Date.parse('2026-01-10T12:00:00Z');
const midnight = Date.parse('2026-01-10T00:00:00Z');

describe('uptime bars', () => {
  it('counts a major outage fully and a partial outage at 30%, per day in the page zone', () => {
    const periods = [
      { status: 'operational' as const, started_at: now - 10 * DAY, ended_at: midnight - DAY + 6 * 3_600_000 },
      {
        status: 'major_outage' as const,
        started_at: midnight - DAY + 6 * 3_600_000,
        ended_at: midnight - DAY + 12 * 3_600_000,
      },
      { status: 'partial_outage' as const, started_at: midnight - DAY + 12 * 3_600_000, ended_at: midnight },
      { status: 'operational' as const, started_at: midnight, ended_at: null },
    ];
    const { days, percent } = uptimeBars(periods, { now, zone: 'UTC', days: 3, since: now - 10 * DAY });
    expect(days.map((d) => d.date)).toEqual(['2026-01-08', '2026-01-09', '2026-01-10']);
    expect(days[0]).toMatchObject({ worst: 'operational', uptime: 100 });
    // 6 h major + 12 h partial × 0.3 = 9.6 h down of 24 h.
    expect(days[1]).toMatchObject({ worst: 'major_outage', uptime: 60 });
    expect(days[2]).toMatchObject({ worst: 'operational', uptime: 100 });
    expect(percent).toBe(Math.round(100 * (1 - (9.6 * 3_600_000) / (2 * DAY + 12 * 3_600_000)) * 100) / 100);
  });

  it('has no data before the component existed', () => {
    const { days, percent } = uptimeBars([{ status: 'operational', started_at: now - 3_600_000, ended_at: null }], {
      now,
      zone: 'UTC',
      days: 2,
      since: now - 3_600_000,
    });
    expect(days[0]).toMatchObject({ worst: null, uptime: null });
    expect(days[1]).toMatchObject({ worst: 'operational', uptime: 100 });
    expect(percent).toBe(100);
  });

  it('cuts days at midnight of the page zone, not UTC', () => {
    const outage = Date.parse('2026-01-09T23:30:00Z'); // 00:30 on the 10th in Berlin
    const { days } = uptimeBars(
      [
        { status: 'operational', started_at: now - 5 * DAY, ended_at: outage },
        { status: 'major_outage', started_at: outage, ended_at: outage + 600_000 },
        { status: 'operational', started_at: outage + 600_000, ended_at: null },
      ],
      { now, zone: 'Europe/Berlin', days: 2, since: now - 5 * DAY },
    );
    expect(days.map((d) => [d.date, d.worst])).toEqual([
      ['2026-01-09', 'operational'],
      ['2026-01-10', 'major_outage'],
    ]);
  });
});

describe('overall status', () => {
  it.each([
    [[], [], false, 'none', 'All Systems Operational'],
    [['operational', 'degraded_performance'], [], false, 'minor', 'Minor Service Outage'],
    [['partial_outage'], [], false, 'major', 'Partial System Outage'],
    [['major_outage', 'degraded_performance'], [], false, 'critical', 'Major System Outage'],
    [['under_maintenance'], [], false, 'maintenance', 'Service Under Maintenance'],
    [['operational'], ['critical'], false, 'critical', 'Major System Outage'],
    [['operational'], ['none'], true, 'maintenance', 'Service Under Maintenance'],
    [['degraded_performance'], [], true, 'minor', 'Minor Service Outage'],
  ] as const)(
    '%j with open impacts %j, maintenance %s → %s',
    (components, impacts, maintenance, indicator, description) => {
      expect(overallStatus([...components], [...impacts], maintenance)).toEqual({ indicator, description });
    },
  );
});
