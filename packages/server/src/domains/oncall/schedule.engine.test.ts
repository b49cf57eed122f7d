import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  coverageGaps,
  type EngineLayer,
  type EngineOverride,
  layerShifts,
  onCallStretches,
  resolveSchedule,
  shiftAt,
} from './schedule.engine.js';
import { dayNumber, localInstant } from './zone-time.js';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function layer(overrides: Partial<EngineLayer>): EngineLayer {
  return {
    id: 'L',
    position: 0,
    participants: ['a', 'b'],
    rotation: { unit: 'day', every: 1 },
    handoffTime: '09:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
    restrictions: [],
    ...overrides,
  };
}

const simple = (shifts: { start: number; end: number; userId: string }[]) =>
  shifts.map((s) => [iso(s.start), iso(s.end), s.userId]);

describe('local time → instant (DST rules)', () => {
  // [zone, local date, local time, expected instant, why]
  const cases: [string, string, string, string, string][] = [
    ['Europe/Berlin', '2026-03-28', '09:00', '2026-03-28T08:00:00Z', 'CET'],
    ['Europe/Berlin', '2026-03-29', '09:00', '2026-03-29T07:00:00Z', 'CEST after spring forward'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00Z', 'gap → 03:00 CEST'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z', 'ambiguous → earlier (CEST)'],
    ['Europe/Berlin', '2026-10-25', '09:00', '2026-10-25T08:00:00Z', 'CET after fall back'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00Z', 'gap → 03:00 EDT'],
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00Z', 'EST just before the gap'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z', 'ambiguous → earlier (EDT)'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00Z', 'EST after the overlap'],
    ['Australia/Sydney', '2026-10-04', '02:15', '2026-10-03T16:00:00Z', 'gap → 03:00 AEDT'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00Z', 'ambiguous → earlier (AEDT)'],
    ['Asia/Kolkata', '2026-03-08', '02:30', '2026-03-07T21:00:00Z', 'no DST, +05:30'],
    ['Pacific/Chatham', '2026-09-27', '03:00', '2026-09-26T14:00:00Z', 'gap 02:45→03:45 → 03:45 +13:45'],
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00Z', 'ambiguous → earlier (+13:45)'],
    ['Pacific/Chatham', '2026-04-05', '04:00', '2026-04-04T15:15:00Z', 'after fall back, +12:45'],
  ];
  it.each(cases)('%s %s %s → %s (%s)', (zone, date, time, expected) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    expect(iso(localInstant(zone, dayNumber(y, m, d), hh * 60 + mm))).toBe(expected.replace(':00Z', ':00Z'));
  });

  it('agrees with Luxon on every unambiguous hour of a year in each zone', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (let day = dayNumber(2026, 1, 1); day < dayNumber(2027, 1, 1); day += 1) {
        for (const minute of [0, 165, 600, 1425]) {
          const ours = localInstant(zone, day, minute);
          const back = DateTime.fromMillis(ours, { zone });
          const want = DateTime.fromObject(
            { year: 1970, month: 1, day: 1, hour: Math.floor(minute / 60), minute: minute % 60 },
            { zone: 'UTC' },
          ).plus({ days: day });
          // Either the wall clock matches exactly, or it fell in a gap and moved to the transition.
          if (back.toFormat('yyyy-MM-dd HH:mm') !== want.toFormat('yyyy-MM-dd HH:mm')) {
            expect(back.offset).not.toBe(DateTime.fromMillis(ours - 1, { zone }).offset);
          }
        }
      }
    }
  });
});

describe('rotations across DST', () => {
  type Case = { name: string; layer: Partial<EngineLayer>; from: string; to: string; want: [string, string, string][] };
  const cases: Case[] = [
    {
      name: 'Berlin daily 09:00 keeps 09:00 local across spring forward (a 23-hour shift)',
      layer: { timeZone: 'Europe/Berlin', startDate: '2026-03-27' },
      from: '2026-03-27T00:00:00Z',
      to: '2026-03-30T12:00:00Z',
      want: [
        ['2026-03-27T08:00:00Z', '2026-03-28T08:00:00Z', 'a'],
        ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z', 'b'],
        ['2026-03-29T07:00:00Z', '2026-03-30T07:00:00Z', 'a'],
        ['2026-03-30T07:00:00Z', '2026-03-30T12:00:00Z', 'b'],
      ],
    },
    {
      name: 'Berlin daily 09:00 across fall back (a 25-hour shift)',
      layer: { timeZone: 'Europe/Berlin', startDate: '2026-10-23' },
      from: '2026-10-24T00:00:00Z',
      to: '2026-10-26T00:00:00Z',
      want: [
        ['2026-10-24T00:00:00Z', '2026-10-24T07:00:00Z', 'a'],
        ['2026-10-24T07:00:00Z', '2026-10-25T08:00:00Z', 'b'],
        ['2026-10-25T08:00:00Z', '2026-10-26T00:00:00Z', 'a'],
      ],
    },
    {
      name: 'New York daily handoff at 02:30 moves to 03:00 on the spring-forward night',
      layer: { timeZone: 'America/New_York', startDate: '2026-03-07', handoffTime: '02:30' },
      from: '2026-03-07T07:30:00Z',
      to: '2026-03-09T12:00:00Z',
      want: [
        ['2026-03-07T07:30:00Z', '2026-03-08T07:00:00Z', 'a'],
        ['2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z', 'b'],
        ['2026-03-09T06:30:00Z', '2026-03-09T12:00:00Z', 'a'],
      ],
    },
    {
      name: 'New York daily handoff at 01:30 on the fall-back night takes the earlier 01:30',
      layer: { timeZone: 'America/New_York', startDate: '2026-10-31', handoffTime: '01:30' },
      from: '2026-10-31T05:30:00Z',
      to: '2026-11-02T12:00:00Z',
      want: [
        ['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', 'a'],
        ['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z', 'b'],
        ['2026-11-02T06:30:00Z', '2026-11-02T12:00:00Z', 'a'],
      ],
    },
    {
      name: 'New York 12-hour rotation counts elapsed hours across spring forward',
      layer: {
        timeZone: 'America/New_York',
        startDate: '2026-03-07',
        handoffTime: '08:00',
        rotation: { unit: 'hour', every: 12 },
      },
      from: '2026-03-07T13:00:00Z',
      to: '2026-03-08T13:00:00Z',
      want: [
        ['2026-03-07T13:00:00Z', '2026-03-08T01:00:00Z', 'a'],
        ['2026-03-08T01:00:00Z', '2026-03-08T13:00:00Z', 'b'],
      ],
    },
    {
      name: 'Sydney weekly Monday 09:00 across the October spring forward (167 hours)',
      layer: {
        timeZone: 'Australia/Sydney',
        startDate: '2026-09-28',
        rotation: { unit: 'week', every: 1 },
        participants: ['a', 'b', 'c'],
      },
      from: '2026-09-27T23:00:00Z',
      to: '2026-10-18T00:00:00Z',
      want: [
        ['2026-09-27T23:00:00Z', '2026-10-04T22:00:00Z', 'a'],
        ['2026-10-04T22:00:00Z', '2026-10-11T22:00:00Z', 'b'],
        ['2026-10-11T22:00:00Z', '2026-10-18T00:00:00Z', 'c'],
      ],
    },
    {
      name: 'Sydney daily 09:00 across the April fall back (a 25-hour day)',
      layer: { timeZone: 'Australia/Sydney', startDate: '2026-04-04' },
      from: '2026-04-03T22:00:00Z',
      to: '2026-04-05T23:00:00Z',
      want: [
        ['2026-04-03T22:00:00Z', '2026-04-04T23:00:00Z', 'a'],
        ['2026-04-04T23:00:00Z', '2026-04-05T23:00:00Z', 'b'],
      ],
    },
    {
      name: 'Kolkata every 2 days at 08:00, no DST',
      layer: {
        timeZone: 'Asia/Kolkata',
        startDate: '2026-03-01',
        handoffTime: '08:00',
        rotation: { unit: 'day', every: 2 },
      },
      from: '2026-03-01T02:30:00Z',
      to: '2026-03-07T02:30:00Z',
      want: [
        ['2026-03-01T02:30:00Z', '2026-03-03T02:30:00Z', 'a'],
        ['2026-03-03T02:30:00Z', '2026-03-05T02:30:00Z', 'b'],
        ['2026-03-05T02:30:00Z', '2026-03-07T02:30:00Z', 'a'],
      ],
    },
  ];
  it.each(cases)('$name', ({ layer: l, from, to, want }) => {
    expect(simple(layerShifts(layer(l), t(from), t(to))).slice(0, want.length)).toEqual(want);
  });

  it('Chatham: 03:00 on 2026-09-27 does not exist, so that handoff is 03:45 (+13:45)', () => {
    const shifts = layerShifts(
      layer({ timeZone: 'Pacific/Chatham', startDate: '2026-09-26', handoffTime: '03:00' }),
      t('2026-09-25T14:15:00Z'),
      t('2026-09-28T00:00:00Z'),
    );
    expect(simple(shifts)).toEqual([
      ['2026-09-25T14:15:00Z', '2026-09-26T14:00:00Z', 'a'], // 03:00 +12:45 → 03:45 +13:45: 23h45m
      ['2026-09-26T14:00:00Z', '2026-09-27T13:15:00Z', 'b'], // 03:45 → 03:00 next day (+13:45)
      ['2026-09-27T13:15:00Z', '2026-09-28T00:00:00Z', 'a'],
    ]);
  });

  it('Chatham: 03:00 on 2026-04-05 happens twice; the handoff takes the first one', () => {
    const shifts = layerShifts(
      layer({ timeZone: 'Pacific/Chatham', startDate: '2026-04-04', handoffTime: '03:00' }),
      t('2026-04-03T13:15:00Z'),
      t('2026-04-05T14:15:00Z'),
    );
    expect(simple(shifts)).toEqual([
      ['2026-04-03T13:15:00Z', '2026-04-04T13:15:00Z', 'a'],
      ['2026-04-04T13:15:00Z', '2026-04-05T14:15:00Z', 'b'], // 25 hours
    ]);
  });

  it('starts nobody before the start date', () => {
    const shifts = layerShifts(
      layer({ startDate: '2026-02-01' }),
      t('2026-01-30T00:00:00Z'),
      t('2026-02-02T00:00:00Z'),
    );
    expect(simple(shifts)).toEqual([['2026-02-01T09:00:00Z', '2026-02-02T00:00:00Z', 'a']]);
  });

  it('picks the right participant far from the start date', () => {
    const l = layer({ participants: ['a', 'b', 'c'], startDate: '2026-01-01' });
    // 2026-12-31 is day 364 after the start: 364 % 3 = 1 → b
    const shift = layerShifts(l, t('2026-12-31T12:00:00Z'), t('2026-12-31T13:00:00Z'));
    expect(shift[0]?.userId).toBe('b');
  });
});

describe('restrictions and layer fall-through', () => {
  const base = layer({
    id: 'base',
    position: 0,
    participants: ['night'],
    timeZone: 'Europe/Berlin',
    startDate: '2026-01-01',
  });
  const office = layer({
    id: 'office',
    position: 1,
    participants: ['day'],
    timeZone: 'Europe/Berlin',
    startDate: '2026-01-01',
    restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  });

  it('a higher layer wins in its window and falls through to the lower one outside it', () => {
    // Friday 2026-03-27 to Monday 2026-03-30 (spring forward on Sunday)
    const { final } = resolveSchedule(
      { layers: [base, office], overrides: [] },
      t('2026-03-27T00:00:00Z'),
      t('2026-03-31T00:00:00Z'),
    );
    expect(simple(final)).toEqual([
      ['2026-03-27T00:00:00Z', '2026-03-27T08:00:00Z', 'night'],
      ['2026-03-27T08:00:00Z', '2026-03-27T17:00:00Z', 'day'],
      ['2026-03-27T17:00:00Z', '2026-03-30T07:00:00Z', 'night'],
      ['2026-03-30T07:00:00Z', '2026-03-30T16:00:00Z', 'day'], // 09:00–18:00 CEST
      ['2026-03-30T16:00:00Z', '2026-03-31T00:00:00Z', 'night'],
    ]);
  });

  it('a nightly window runs past midnight and leaves gaps without a lower layer', () => {
    const nightly = layer({
      id: 'n',
      participants: ['owl'],
      timeZone: 'America/New_York',
      startDate: '2026-03-01',
      restrictions: [{ days: [], start: '20:00', end: '08:00' }],
    });
    const from = t('2026-03-07T12:00:00Z');
    const to = t('2026-03-09T12:00:00Z');
    const { final } = resolveSchedule({ layers: [nightly], overrides: [] }, from, to);
    expect(simple(final)).toEqual([
      ['2026-03-07T12:00:00Z', '2026-03-07T13:00:00Z', 'owl'], // the end of Friday night's window
      ['2026-03-08T01:00:00Z', '2026-03-08T12:00:00Z', 'owl'], // 20:00 EST → 08:00 EDT: 10 hours
      ['2026-03-09T00:00:00Z', '2026-03-09T12:00:00Z', 'owl'],
    ]);
    expect(coverageGaps(final, from, to).map((g) => [iso(g.start), iso(g.end)])).toEqual([
      ['2026-03-07T13:00:00Z', '2026-03-08T01:00:00Z'],
      ['2026-03-08T12:00:00Z', '2026-03-09T00:00:00Z'],
    ]);
  });

  it('a restriction can use another zone than the layer', () => {
    const l = layer({
      participants: ['x'],
      timeZone: 'UTC',
      restrictions: [{ days: [], start: '09:00', end: '10:00', timeZone: 'Asia/Kolkata' }],
    });
    expect(simple(layerShifts(l, t('2026-05-01T00:00:00Z'), t('2026-05-02T00:00:00Z')))).toEqual([
      ['2026-05-01T03:30:00Z', '2026-05-01T04:30:00Z', 'x'],
    ]);
  });

  it('follow-the-sun: two restricted layers hand over twice a day', () => {
    const eu = layer({
      id: 'eu',
      position: 1,
      participants: ['eu'],
      timeZone: 'Europe/Berlin',
      restrictions: [{ days: [], start: '08:00', end: '20:00' }],
    });
    const us = layer({ id: 'us', position: 0, participants: ['us'], timeZone: 'America/Los_Angeles' });
    const { final } = resolveSchedule(
      { layers: [eu, us], overrides: [] },
      t('2026-06-01T00:00:00Z'),
      t('2026-06-02T00:00:00Z'),
    );
    expect(simple(final)).toEqual([
      ['2026-06-01T00:00:00Z', '2026-06-01T06:00:00Z', 'us'],
      ['2026-06-01T06:00:00Z', '2026-06-01T18:00:00Z', 'eu'],
      ['2026-06-01T18:00:00Z', '2026-06-02T00:00:00Z', 'us'],
    ]);
  });
});

describe('overrides', () => {
  const l = layer({ participants: ['a', 'b'], timeZone: 'UTC', startDate: '2026-01-01', handoffTime: '00:00' });
  const from = t('2026-01-01T00:00:00Z');
  const to = t('2026-01-03T00:00:00Z');
  const ov = (o: Partial<EngineOverride>): EngineOverride => ({
    id: 'o',
    userId: 'c',
    replacedUserId: null,
    start: t('2026-01-01T06:00:00Z'),
    end: t('2026-01-01T12:00:00Z'),
    createdAt: 1,
    ...o,
  });

  const cases: { name: string; overrides: EngineOverride[]; want: [string, string, string][] }[] = [
    {
      name: 'covers a range for a named person',
      overrides: [ov({ replacedUserId: 'a' })],
      want: [
        ['2026-01-01T00:00:00Z', '2026-01-01T06:00:00Z', 'a'],
        ['2026-01-01T06:00:00Z', '2026-01-01T12:00:00Z', 'c'],
        ['2026-01-01T12:00:00Z', '2026-01-02T00:00:00Z', 'a'],
        ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', 'b'],
      ],
    },
    {
      name: 'does nothing where the replaced person is not on call',
      overrides: [ov({ replacedUserId: 'b' })],
      want: [
        ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'a'],
        ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', 'b'],
      ],
    },
    {
      name: 'the most recent of overlapping overrides wins',
      overrides: [
        ov({ id: 'old', userId: 'c', createdAt: 1, end: t('2026-01-01T12:00:00Z') }),
        ov({ id: 'new', userId: 'd', createdAt: 2, start: t('2026-01-01T09:00:00Z'), end: t('2026-01-01T15:00:00Z') }),
      ],
      want: [
        ['2026-01-01T00:00:00Z', '2026-01-01T06:00:00Z', 'a'],
        ['2026-01-01T06:00:00Z', '2026-01-01T09:00:00Z', 'c'],
        ['2026-01-01T09:00:00Z', '2026-01-01T15:00:00Z', 'd'],
        ['2026-01-01T15:00:00Z', '2026-01-02T00:00:00Z', 'a'],
        ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', 'b'],
      ],
    },
  ];
  it.each(cases)('$name', ({ overrides, want }) => {
    expect(simple(resolveSchedule({ layers: [l], overrides }, from, to).final)).toEqual(want);
  });

  it('a newer override chains onto an older one', () => {
    const { final } = resolveSchedule(
      {
        layers: [l],
        overrides: [
          ov({ id: 'first', userId: 'c', replacedUserId: 'a', createdAt: 1 }),
          ov({ id: 'second', userId: 'd', replacedUserId: 'c', createdAt: 2, start: t('2026-01-01T10:00:00Z') }),
        ],
      },
      from,
      t('2026-01-01T13:00:00Z'),
    );
    expect(final.map((s) => [iso(s.start), s.userId, s.overrideId])).toEqual([
      ['2026-01-01T00:00:00Z', 'a', null],
      ['2026-01-01T06:00:00Z', 'c', 'first'],
      ['2026-01-01T10:00:00Z', 'd', 'second'],
      ['2026-01-01T12:00:00Z', 'a', null],
    ]);
  });

  it('an override without a replaced person fills a gap', () => {
    const restricted = layer({ participants: ['a'], restrictions: [{ days: [], start: '09:00', end: '17:00' }] });
    const { final } = resolveSchedule(
      { layers: [restricted], overrides: [ov({ start: t('2026-01-01T17:00:00Z'), end: t('2026-01-01T20:00:00Z') })] },
      t('2026-01-01T09:00:00Z'),
      t('2026-01-01T20:00:00Z'),
    );
    expect(simple(final)).toEqual([
      ['2026-01-01T09:00:00Z', '2026-01-01T17:00:00Z', 'a'],
      ['2026-01-01T17:00:00Z', '2026-01-01T20:00:00Z', 'c'],
    ]);
  });

  it('stretches join a person’s adjacent shifts and shiftAt finds the one at an instant', () => {
    const { final } = resolveSchedule(
      {
        layers: [l],
        overrides: [
          ov({ userId: 'a', replacedUserId: null, start: t('2026-01-01T20:00:00Z'), end: t('2026-01-02T02:00:00Z') }),
        ],
      },
      from,
      to,
    );
    const stretches = onCallStretches(final);
    expect(simple(stretches)).toEqual([
      ['2026-01-01T00:00:00Z', '2026-01-02T02:00:00Z', 'a'],
      ['2026-01-02T02:00:00Z', '2026-01-03T00:00:00Z', 'b'],
    ]);
    expect(shiftAt(stretches, t('2026-01-02T01:59:59Z'))?.userId).toBe('a');
    expect(shiftAt(stretches, t('2026-01-02T02:00:00Z'))?.userId).toBe('b');
    expect(shiftAt(stretches, t('2026-01-03T00:00:00Z'))).toBeNull();
  });
});

describe('performance', () => {
  it('resolves 100 schedules × 5 layers over 90 days quickly', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'];
    const defs = Array.from({ length: 100 }, (_, s) => ({
      layers: zones.map((zone, i) =>
        layer({
          id: `l${s}-${i}`,
          position: i,
          participants: ['a', 'b', 'c', 'd'],
          timeZone: zone,
          handoffTime: `${String((s + i) % 24).padStart(2, '0')}:30`,
          rotation: { unit: i % 2 ? 'week' : 'day', every: 1 },
          restrictions: i > 2 ? [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] : [],
        }),
      ),
      overrides: [],
    }));
    const from = t('2026-02-01T00:00:00Z');
    const to = from + 90 * 86_400_000;
    for (const def of defs) resolveSchedule(def, from - 86_400_000, to); // warm Luxon's memo
    const started = performance.now();
    let n = 0;
    for (const def of defs) n += resolveSchedule(def, from, to).final.length;
    const elapsed = performance.now() - started;
    console.log(`100 schedules × 5 layers × 90 days: ${elapsed.toFixed(1)} ms`);
    expect(n).toBeGreaterThan(0);
    // The target is < 100 ms on a warm process; allow slack for a busy test machine.
    expect(elapsed).toBeLessThan(1000);
  });
});
