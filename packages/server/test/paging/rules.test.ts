import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPage } from '../../src/domains/paging/index.js';
import { planNotifications, type Recipient } from '../../src/domains/paging/notification-plan.js';
import { type Hours, isWorkingTime, nextWorkingStart } from '../../src/domains/paging/working-hours.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, notificationsOf, person, startRecorder, type World } from './helpers.js';

const at = (iso: string) => Date.parse(iso);
const officeBerlin: Hours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', zone: 'Europe/Berlin' };

describe('working hours', () => {
  it.each([
    // [instant, hours, working?, next working start]
    ['2026-01-05T08:30:00Z', officeBerlin, true, '2026-01-05T08:30:00Z'], // Monday 09:30 Berlin
    ['2026-01-05T07:59:00Z', officeBerlin, false, '2026-01-05T08:00:00Z'], // Monday 08:59 Berlin
    ['2026-01-05T17:00:00Z', officeBerlin, false, '2026-01-06T08:00:00Z'], // Monday 18:00 Berlin: over
    ['2026-01-09T19:00:00Z', officeBerlin, false, '2026-01-12T08:00:00Z'], // Friday evening → Monday
    ['2026-03-27T18:00:00Z', officeBerlin, false, '2026-03-30T07:00:00Z'], // weekend of the DST change → 09:00 CEST
    ['2026-01-10T23:00:00Z', { days: [6], start: '22:00', end: '06:00', zone: 'UTC' }, true, '2026-01-10T23:00:00Z'],
    ['2026-01-11T05:00:00Z', { days: [6], start: '22:00', end: '06:00', zone: 'UTC' }, true, '2026-01-11T05:00:00Z'], // past midnight
    ['2026-01-11T07:00:00Z', { days: [6], start: '22:00', end: '06:00', zone: 'UTC' }, false, '2026-01-17T22:00:00Z'],
    ['2026-01-11T07:00:00Z', { days: [], start: '09:00', end: '17:00', zone: 'UTC' }, false, '2026-01-11T07:00:00Z'],
  ] as const)('%s', (instant, hours, working, next) => {
    expect(isWorkingTime(at(instant), hours)).toBe(working);
    expect(new Date(nextWorkingStart(at(instant), hours)).toISOString()).toBe(new Date(at(next)).toISOString());
  });
});

describe('notification plan', () => {
  const person: Recipient = {
    userId: 'u1',
    methods: [
      { id: 'hook', kind: 'webhook', address: 'https://hook.example/1' },
      { id: 'mail', kind: 'email', address: 'a@example.test' },
    ],
    rules: {
      high: [
        { contactMethodId: 'hook', delayMinutes: 0 },
        { contactMethodId: 'mail', delayMinutes: 2 },
        { contactMethodId: 'mail', delayMinutes: 5 },
      ],
      low: [],
    },
    hours: officeBerlin,
  };
  const friday = at('2026-01-09T19:00:00Z');

  it('follows the high-urgency rules from the step start, any time of day', () => {
    const plan = planNotifications(person, 'high', friday);
    expect(plan.notifications.map((n) => [n.channel, (n.dueAt - friday) / 60_000])).toEqual([
      ['in_app', 0],
      ['webhook', 0],
      ['email', 2],
      ['email', 5],
    ]);
    expect(plan).toMatchObject({ outsideWorkingHours: true, reachable: true });
  });

  it('defaults to every contact method at 0, and low urgency waits for working hours', () => {
    const plan = planNotifications(person, 'low', friday);
    const monday = at('2026-01-12T08:00:00Z');
    expect(plan.notifications.map((n) => [n.channel, n.dueAt])).toEqual([
      ['in_app', friday],
      ['webhook', monday],
      ['email', monday],
    ]);
  });

  it('a person with no contact method is not reachable', () => {
    const plan = planNotifications({ ...person, methods: [], rules: { high: [], low: [] } }, 'high', friday);
    expect(plan).toMatchObject({ reachable: false, notifications: [{ channel: 'in_app' }] });
  });
});

describeEachDialect('paging: notification rules and working hours', (dialect) => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    w = await createWorld(dialect);
    hook = await startRecorder(undefined, w.t.clock);
  });
  afterAll(async () => {
    await hook.close();
    await w.close();
  });

  it('webhook at 0, the second method at 2 and again at 5 minutes', async () => {
    const dana = await person(w, 'Dana', [
      { kind: 'webhook', address: `${hook.url}/dana-first` },
      { kind: 'webhook', address: `${hook.url}/dana-second` },
    ]);
    const put = await w.call(
      'PUT',
      '/api/v1/me/notification-rules',
      {
        high: [
          { contactMethodId: dana.methodIds[0], delayMinutes: 0 },
          { contactMethodId: dana.methodIds[1], delayMinutes: 2 },
          { contactMethodId: dana.methodIds[1], delayMinutes: 5 },
        ],
        low: [],
      },
      dana.token,
    );
    expect(put.json()).toMatchObject({ isDefault: { high: false, low: true } });
    const start = w.t.clock.now();
    await createPage(w.t, { userIds: [dana.id], summary: 'Rules', urgency: 'high' }, 'system');
    await w.run();
    await w.advance(2);
    await w.advance(3);
    const times = hook.requests.filter((r) => r.path.startsWith('/dana')).map((r) => [r.path, (r.at - start) / 60_000]);
    expect(times).toEqual([
      ['/dana-first', 0],
      ['/dana-second', 2],
      ['/dana-second', 5],
    ]);
  });

  it('someone else’s contact method cannot be in my rules', async () => {
    const eve = await person(w, 'Eve', [{ kind: 'webhook', address: `${hook.url}/eve` }]);
    const frank = await person(w, 'Frank');
    const res = await w.call(
      'PUT',
      '/api/v1/me/notification-rules',
      { high: [{ contactMethodId: eve.methodIds[0], delayMinutes: 0 }], low: [] },
      frank.token,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('high.0.contactMethodId');
  });

  it('a low-urgency page outside working hours waits until they begin', async () => {
    await w.t.clock.set(at('2026-01-10T12:00:00Z')); // Saturday
    const gus = await person(w, 'Gus', [{ kind: 'webhook', address: `${hook.url}/gus` }]);
    await w.t.db.updateTable('users').set({ time_zone: 'Europe/Berlin' }).where('id', '=', gus.id).execute();
    expect((await w.call('GET', '/api/v1/me/working-hours', undefined, gus.token)).json()).toEqual({
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      timeZone: null,
    });
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [gus.id], summary: 'Cert expires in 20 days', urgency: 'low' },
      'system',
    );
    await w.run();
    await w.advance(24 * 60); // Sunday: still nothing
    expect(hook.requests.filter((r) => r.path === '/gus')).toHaveLength(0);
    const due = (await notificationsOf(w, pageId)).find((n) => n.channel === 'webhook')!;
    expect(new Date(due.due_at).toISOString()).toBe('2026-01-12T08:00:00.000Z');
    await w.t.clock.set(at('2026-01-12T08:00:00Z'));
    await w.run();
    expect(hook.requests.filter((r) => r.path === '/gus').map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-01-12T08:00:00.000Z',
    ]);
    const recipient = await w.t.db
      .selectFrom('page_recipients')
      .selectAll()
      .where('page_id', '=', pageId)
      .executeTakeFirstOrThrow();
    expect(recipient.outside_working_hours).toBe(1);
  });

  it('working hours of their own move the wait', async () => {
    const hana = await person(w, 'Hana', [{ kind: 'webhook', address: `${hook.url}/hana` }]);
    const put = await w.call(
      'PUT',
      '/api/v1/me/working-hours',
      { days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00', timeZone: 'America/New_York' },
      hana.token,
    );
    expect(put.statusCode, put.body).toBe(200);
    const bad = await w.call(
      'PUT',
      '/api/v1/me/working-hours',
      { days: [1], start: '9am', end: '17:00', timeZone: null },
      hana.token,
    );
    expect(bad.statusCode).toBe(400);
    const badZone = await w.call(
      'PUT',
      '/api/v1/me/working-hours',
      { days: [1], start: '09:00', end: '17:00', timeZone: 'Mars/Base' },
      hana.token,
    );
    expect(badZone.statusCode).toBe(400);
    // Monday 08:00 UTC is 03:00 in New York: past midnight, but the night began on a Sunday, not a working day.
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [hana.id], summary: 'Night shift', urgency: 'low' },
      'system',
    );
    await w.run();
    const due = (await notificationsOf(w, pageId)).find((n) => n.channel === 'webhook')!;
    expect(new Date(due.due_at).toISOString()).toBe('2026-01-13T03:00:00.000Z'); // Monday 22:00 New York
  });
});
