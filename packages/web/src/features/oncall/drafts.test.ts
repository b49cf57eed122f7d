import type { ScheduleLayer } from '@firebreak/shared';
import { describe, expect, it } from 'vitest';
import { describeRestriction, draftOf, emptyLayer, layerChanges, layerInput } from './layer.draft.js';
import { levelName, move, policyInput, serviceChanges, targetOf } from './policy.draft.js';
import { stepAnchor, timelineRange, viewStart } from './range.js';

const layer = (id: string, position: number, every = 1, unit: 'hour' | 'day' | 'week' = 'week'): ScheduleLayer => ({
  id,
  position,
  name: `L${id}`,
  participants: ['u1', 'u2'],
  rotation: { unit, every },
  handoffTime: '09:00',
  timeZone: 'Europe/Berlin',
  startDate: '2026-11-16',
  restrictions: [{ days: [5, 1], start: '09:00', end: '18:00' }],
});

describe('layer drafts', () => {
  it('reads daily, weekly and custom rotations back as the choice a person made', () => {
    expect(draftOf(layer('a', 0, 1, 'week')).rotationKind).toBe('weekly');
    expect(draftOf(layer('a', 0, 1, 'day')).rotationKind).toBe('daily');
    const custom = draftOf(layer('a', 0, 12, 'hour'));
    expect([custom.rotationKind, custom.customEvery, custom.customUnit]).toEqual(['custom', 12, 'hour']);
    expect(layerInput(custom).rotation).toEqual({ unit: 'hour', every: 12 });
  });

  it('sends restriction days sorted', () => {
    expect(layerInput(draftOf(layer('a', 0))).restrictions).toEqual([{ days: [1, 5], start: '09:00', end: '18:00' }]);
  });

  it('turns an edited list into deletions, updates, additions and the wanted order', () => {
    const saved = [layer('a', 0), layer('b', 1), layer('c', 2)];
    const [a, , c] = saved.map(draftOf);
    const added = emptyLayer('UTC', '2026-11-23', 3);
    const { changes, order } = layerChanges(saved, [added, c!, a!]);
    expect(changes.map((ch) => (ch.kind === 'add' ? 'add' : `${ch.kind}:${ch.layerId}`))).toEqual([
      'delete:b',
      'update:c',
      'update:a',
      'add',
    ]);
    expect(order).toEqual([added.key, 'c', 'a']);
  });

  it('describes windows as people say them', () => {
    expect(describeRestriction({ days: [5, 4, 3, 2, 1], start: '09:00', end: '18:00' })).toBe('Mon–Fri 09:00–18:00');
    expect(describeRestriction({ days: [], start: '20:00', end: '08:00' })).toBe('Every day 20:00–08:00 (next day)');
    expect(describeRestriction({ days: [6, 7], start: '00:00', end: '00:00' })).toBe('Sat, Sun 00:00–00:00 (next day)');
  });
});

describe('policy drafts', () => {
  it('names levels like the server does', () => {
    expect([0, 1, 2, 3, 10, 11, 12, 20, 21].map(levelName)).toEqual([
      '1st level',
      '2nd level',
      '3rd level',
      '4th level',
      '11th level',
      '12th level',
      '13th level',
      '21st level',
      '22nd level',
    ]);
  });

  it('sends targets by kind and id, and omits default level names', () => {
    const input = policyInput({
      name: ' Checkout ',
      description: '',
      teamId: null,
      repeat: 1,
      serviceIds: [],
      levels: [{ key: 'k', name: '  ', targets: ['user:u1', 'schedule:s:1'], delayMinutes: 5 }],
    });
    expect(input.name).toBe('Checkout');
    expect(input.levels).toEqual([
      {
        targets: [
          { kind: 'user', id: 'u1' },
          { kind: 'schedule', id: 's:1' },
        ],
        delayMinutes: 5,
      },
    ]);
    expect(targetOf('team:t1')).toEqual({ kind: 'team', id: 't1' });
  });

  it('works out which services to point at the policy and which to unset', () => {
    expect(serviceChanges(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
  });

  it('moves list items and ignores moves past either end', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('timeline ranges', () => {
  const d = (year: number, month: number, day: number) => ({ year, month, day });

  it('starts weeks on Monday and months on the 1st', () => {
    expect(viewStart('week', d(2026, 11, 26))).toEqual(d(2026, 11, 23));
    expect(viewStart('2weeks', d(2026, 11, 29))).toEqual(d(2026, 11, 23));
    expect(viewStart('month', d(2026, 11, 26))).toEqual(d(2026, 11, 1));
  });

  it('steps by the length of the view', () => {
    expect(stepAnchor('day', d(2026, 12, 31), 1)).toEqual(d(2027, 1, 1));
    expect(stepAnchor('week', d(2026, 11, 26), -1)).toEqual(d(2026, 11, 16));
    expect(stepAnchor('2weeks', d(2026, 11, 26), 1)).toEqual(d(2026, 12, 7));
    expect(stepAnchor('month', d(2026, 3, 31), -1)).toEqual(d(2026, 2, 1));
    expect(stepAnchor('month', d(2026, 12, 15), 1)).toEqual(d(2027, 1, 1));
  });

  it('spans local midnights in the zone, so a DST week lasts 167 hours', () => {
    const week = timelineRange('week', d(2026, 3, 25), 'Europe/Berlin');
    expect(new Date(week.from).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect((week.to - week.from) / 3_600_000).toBe(167);
    expect(week.ticks).toHaveLength(7);
    expect(week.ticks[0]?.major).toBe(true);
  });

  it('draws a spring-forward day with its 23 real hours', () => {
    const day = timelineRange('day', d(2026, 3, 29), 'Europe/Berlin');
    expect((day.to - day.from) / 3_600_000).toBe(23);
    expect(day.ticks.map((t) => t.label)).toEqual([
      '00:00',
      '04:00',
      '07:00',
      '10:00',
      '13:00',
      '16:00',
      '19:00',
      '22:00',
    ]);
  });
});
