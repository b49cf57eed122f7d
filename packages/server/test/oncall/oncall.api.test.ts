import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app.js';
import { buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

// The clock starts on Monday 2026-01-05 09:00 UTC (10:00 in Berlin).

/** The events of an iCalendar text, parsed by node-ical, sorted by start. */
function eventsOf(text: string) {
  return Object.values(ical.sync.parseICS(text))
    .filter((e): e is ical.VEvent => e?.type === 'VEVENT')
    .map((e) => ({
      summary: String(e.summary),
      start: new Date(e.start as unknown as Date).toISOString(),
      end: new Date(e.end as unknown as Date).toISOString(),
    }))
    .sort((x, y) => x.start.localeCompare(y.start));
}

describeEachDialect('on-call API', (dialect) => {
  let t: TestContext;
  let app: App;
  let admin: BuiltUser;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    admin = await buildUser(t, { role: 'admin' });
    adminToken = await tokenFor(t, admin);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, token = adminToken) =>
    app.inject({ method, url, headers: bearer(token), ...(body === undefined ? {} : { payload: body as object }) });

  const dailyLayer = (participants: string[], extra: Record<string, unknown> = {}) => ({
    participants,
    rotation: { unit: 'day', every: 1 },
    handoffTime: '09:00',
    timeZone: 'UTC',
    startDate: '2026-01-05',
    ...extra,
  });

  let counter = 0;
  async function makeSchedule(layers: unknown[], extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/v1/schedules', { name: `Schedule ${dialect} ${++counter}`, layers, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; layers: { id: string }[] };
  }

  describe('schedules and shifts', () => {
    it('creates a follow-the-sun schedule and answers final, layer and override shifts for a timeline', async () => {
      const eu = await buildUser(t, { name: 'Eu Person' });
      const us = await buildUser(t, { name: 'Us Person' });
      const schedule = await makeSchedule([
        dailyLayer([us.id], { name: 'Americas', timeZone: 'America/Los_Angeles' }),
        dailyLayer([eu.id], {
          name: 'Europe',
          timeZone: 'Europe/Berlin',
          restrictions: [{ start: '08:00', end: '20:00' }],
        }),
      ]);
      const res = await call(
        'GET',
        `/api/v1/schedules/${schedule.id}/shifts?from=2026-01-06T00:00:00Z&to=2026-01-07T00:00:00Z&layers=true`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.final.map((s: any) => [s.start, s.end, s.user.name])).toEqual([
        ['2026-01-06T00:00:00.000Z', '2026-01-06T07:00:00.000Z', 'Us Person'],
        ['2026-01-06T07:00:00.000Z', '2026-01-06T19:00:00.000Z', 'Eu Person'],
        ['2026-01-06T19:00:00.000Z', '2026-01-07T00:00:00.000Z', 'Us Person'],
      ]);
      expect(body.layers.map((l: any) => [l.name, l.shifts.length])).toEqual([
        ['Europe', 2], // 07:00–08:00 and 08:00–19:00: the rotation hands off at 09:00 Berlin
        ['Americas', 2],
      ]);
      expect(body.overrides).toEqual([]);
      // Without layers=true the answer is only the final schedule.
      const lean = await call(
        'GET',
        `/api/v1/schedules/${schedule.id}/shifts?from=2026-01-06T00:00:00Z&to=2026-01-07T00:00:00Z`,
      );
      expect(lean.json().layers).toBeUndefined();
    });

    it('adds, changes and removes layers; the higher position wins', async () => {
      const a = await buildUser(t);
      const b = await buildUser(t);
      const schedule = await makeSchedule([dailyLayer([a.id])]);
      const added = await call('POST', `/api/v1/schedules/${schedule.id}/layers`, dailyLayer([b.id], { name: 'Top' }));
      expect(added.statusCode, added.body).toBe(201);
      const top = added.json().layers.find((l: any) => l.name === 'Top');
      expect(top.position).toBe(1);
      let now = await call('GET', `/api/v1/oncall?schedule=${schedule.id}`);
      expect(now.json().items.map((i: any) => i.user.id)).toEqual([b.id]);
      const moved = await call('PATCH', `/api/v1/schedules/${schedule.id}/layers/${top.id}`, { position: 0 });
      expect(moved.statusCode, moved.body).toBe(200);
      now = await call('GET', `/api/v1/oncall?schedule=${schedule.id}`);
      expect(now.json().items.map((i: any) => i.user.id)).toEqual([a.id]);
      const removed = await call('DELETE', `/api/v1/schedules/${schedule.id}/layers/${top.id}`);
      expect(removed.json().layers).toHaveLength(1);
    });

    it('lists coverage gaps of the next 14 days', async () => {
      const a = await buildUser(t);
      const schedule = await makeSchedule([
        dailyLayer([a.id], { restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] }),
      ]);
      const res = await call('GET', `/api/v1/schedules/${schedule.id}/gaps`);
      expect(res.statusCode).toBe(200);
      const gaps = res.json().gaps;
      expect(gaps[0]).toEqual({ start: '2026-01-05T17:00:00.000Z', end: '2026-01-06T09:00:00.000Z' });
      expect(gaps.at(-1).end).toBe('2026-01-19T09:00:00.000Z');
      const all = await call('GET', '/api/v1/oncall/gaps');
      expect(all.json().items.find((i: any) => i.scheduleId === schedule.id).gaps).toEqual(gaps);
    });
  });

  describe('bad input answers 400 naming the field', () => {
    const cases: [string, (ids: string[]) => [string, string, unknown], string][] = [
      [
        'unknown time zone',
        (ids) => ['POST', '/api/v1/schedules', { name: 'tz', layers: [dailyLayer(ids, { timeZone: 'Mars/Olympus' })] }],
        'body.layers.0.timeZone',
      ],
      [
        'empty rotation',
        () => ['POST', '/api/v1/schedules', { name: 'empty', layers: [dailyLayer([])] }],
        'body.layers.0.participants',
      ],
      [
        'unknown participant',
        () => ['POST', '/api/v1/schedules', { name: 'ghost', layers: [dailyLayer(['nobody'])] }],
        'body.layers.0.participants.0',
      ],
      [
        'bad handoff time',
        (ids) => ['POST', '/api/v1/schedules', { name: 'hh', layers: [dailyLayer(ids, { handoffTime: '25:00' })] }],
        'body.layers.0.handoffTime',
      ],
    ];
    it.each(cases)('%s', async (_name, make, field) => {
      const user = await buildUser(t);
      const [method, url, body] = make([user.id]);
      const res = await call(method as 'POST', url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: any) => e.field)).toContain(field);
    });

    it('an override ending before it starts, and a range over one year', async () => {
      const a = await buildUser(t);
      const schedule = await makeSchedule([dailyLayer([a.id])]);
      const override = await call('POST', `/api/v1/schedules/${schedule.id}/overrides`, {
        userId: a.id,
        start: '2026-01-06T10:00:00Z',
        end: '2026-01-06T09:00:00Z',
      });
      expect(override.statusCode).toBe(400);
      expect(override.json().errors.map((e: any) => e.field)).toContain('body.end');
      const range = await call(
        'GET',
        `/api/v1/schedules/${schedule.id}/shifts?from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z`,
      );
      expect(range.statusCode).toBe(400);
      expect(range.json().errors).toEqual([{ field: 'querystring.to', message: expect.stringContaining('one year') }]);
    });
  });

  describe('overrides, take over and swaps', () => {
    it('the most recent overlapping override wins, and the answer names the one it replaced', async () => {
      const [a, b, c] = [await buildUser(t), await buildUser(t), await buildUser(t)];
      const schedule = await makeSchedule([dailyLayer([a.id])]);
      const first = await call('POST', `/api/v1/schedules/${schedule.id}/overrides`, {
        userId: b.id,
        replacedUserId: a.id,
        start: '2026-01-06T00:00:00Z',
        end: '2026-01-06T12:00:00Z',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().replaced).toEqual([]);
      await t.clock.advance(1000);
      const second = await call('POST', `/api/v1/schedules/${schedule.id}/overrides`, {
        userId: c.id,
        replacedUserId: a.id,
        start: '2026-01-06T06:00:00Z',
        end: '2026-01-06T18:00:00Z',
        reason: 'dentist',
      });
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json().replaced.map((o: any) => o.id)).toEqual([first.json().override.id]);
      const shifts = await call(
        'GET',
        `/api/v1/schedules/${schedule.id}/shifts?from=2026-01-06T00:00:00Z&to=2026-01-07T00:00:00Z`,
      );
      expect(shifts.json().final.map((s: any) => [s.start.slice(11, 16), s.user.id])).toEqual([
        ['00:00', b.id],
        ['06:00', c.id],
        ['18:00', a.id],
      ]);
      const at = await call('GET', `/api/v1/oncall?schedule=${schedule.id}&at=2026-01-06T07:00:00Z`);
      expect(at.json().items[0]).toMatchObject({ user: { id: c.id }, overrideId: second.json().override.id });
    });

    it('"take over now" covers the rest of the current shift and leaves a record', async () => {
      const a = await buildUser(t);
      const helper = await buildUser(t);
      const helperToken = await tokenFor(t, helper, 'write');
      const schedule = await makeSchedule([dailyLayer([a.id])]);
      const res = await call('POST', `/api/v1/schedules/${schedule.id}/take-over`, { reason: 'a is ill' }, helperToken);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().override).toMatchObject({
        kind: 'take_over',
        user: { id: helper.id },
        replacedUser: { id: a.id },
        start: new Date(t.clock.now()).toISOString(),
        reason: 'a is ill',
      });
      const now = await call('GET', `/api/v1/oncall?schedule=${schedule.id}`);
      expect(now.json().items[0].user.id).toBe(helper.id);
      const again = await call('POST', `/api/v1/schedules/${schedule.id}/take-over`, {}, helperToken);
      expect(again.statusCode).toBe(409);
    });

    it('a swap proposed by one person and accepted by the other exchanges their shifts', async () => {
      const a = await buildUser(t);
      const b = await buildUser(t);
      const [aToken, bToken] = [await tokenFor(t, a, 'write'), await tokenFor(t, b, 'write')];
      const schedule = await makeSchedule([dailyLayer([a.id, b.id], { startDate: '2026-01-06' })]);
      // a: Jan 6 09:00–Jan 7 09:00, b: Jan 7 09:00–Jan 8 09:00
      const proposed = await call(
        'POST',
        `/api/v1/schedules/${schedule.id}/swaps`,
        { shiftStart: '2026-01-06T12:00:00Z', counterpartUserId: b.id, counterpartShiftStart: '2026-01-07T12:00:00Z' },
        aToken,
      );
      expect(proposed.statusCode, proposed.body).toBe(201);
      const swapId = proposed.json().id;
      const byProposer = await call(
        'POST',
        `/api/v1/schedules/${schedule.id}/swaps/${swapId}/answer`,
        { answer: 'accept' },
        aToken,
      );
      expect(byProposer.statusCode).toBe(403);
      const accepted = await call(
        'POST',
        `/api/v1/schedules/${schedule.id}/swaps/${swapId}/answer`,
        { answer: 'accept' },
        bToken,
      );
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().status).toBe('accepted');
      const shifts = await call(
        'GET',
        `/api/v1/schedules/${schedule.id}/shifts?from=2026-01-06T09:00:00Z&to=2026-01-08T09:00:00Z&layers=true`,
      );
      expect(shifts.json().final.map((s: any) => s.user.id)).toEqual([b.id, a.id]);
      expect(shifts.json().overrides.map((o: any) => [o.kind, o.swapId])).toEqual([
        ['swap', swapId],
        ['swap', swapId],
      ]);
    });

    it('a responder may not move two other people; a team manager may', async () => {
      const [a, b] = [await buildUser(t), await buildUser(t)];
      const manager = await buildUser(t);
      const bystander = await buildUser(t);
      const team = await buildTeam(t, { members: [a, b, bystander] });
      await t.db
        .insertInto('team_members')
        .values({ team_id: team.id, user_id: manager.id, role: 'manager', created_at: 0 })
        .execute();
      const schedule = await makeSchedule([dailyLayer([a.id])], { teamId: team.id });
      const body = { userId: b.id, replacedUserId: a.id, start: '2026-01-08T00:00:00Z', end: '2026-01-08T06:00:00Z' };
      const denied = await call(
        'POST',
        `/api/v1/schedules/${schedule.id}/overrides`,
        body,
        await tokenFor(t, bystander, 'write'),
      );
      expect(denied.statusCode).toBe(403);
      const allowed = await call(
        'POST',
        `/api/v1/schedules/${schedule.id}/overrides`,
        body,
        await tokenFor(t, manager, 'write'),
      );
      expect(allowed.statusCode, allowed.body).toBe(201);
      const viewer = await buildUser(t, { role: 'viewer' });
      const create = await call('POST', '/api/v1/schedules', { name: 'nope' }, await tokenFor(t, viewer, 'read'));
      expect(create.statusCode).toBe(403);
    });
  });

  describe('escalation policies and who is on call', () => {
    it('saves a policy with default level names and warnings, maps a service and answers who is on call', async () => {
      const primary = await buildUser(t, { name: 'Primary' });
      const unreachable = await buildUser(t, { name: 'No Contact', contactEmail: false });
      const team = await buildTeam(t, { members: [primary] });
      const service = await buildService(t, { teamId: team.id });
      const schedule = await makeSchedule(
        [dailyLayer([primary.id], { restrictions: [{ days: [], start: '08:00', end: '20:00' }] })],
        { teamId: team.id },
      );
      const created = await call('POST', '/api/v1/escalation-policies', {
        name: `Policy ${dialect}`,
        repeat: 1,
        levels: [
          { targets: [{ kind: 'schedule', id: schedule.id }], delayMinutes: 5 },
          {
            targets: [
              { kind: 'user', id: unreachable.id },
              { kind: 'team', id: team.id },
            ],
          },
        ],
      });
      expect(created.statusCode, created.body).toBe(201);
      const { policy, warnings } = created.json();
      expect(policy.levels.map((l: any) => [l.name, l.delayMinutes])).toEqual([
        ['1st level', 5],
        ['2nd level', 15],
      ]);
      expect(policy.levels[0].targets[0].name).toContain('Schedule');
      expect(warnings.map((w: any) => [w.code, w.level])).toEqual([
        ['schedule_gaps', 0],
        ['no_contact_method', 1],
        ['schedule_gaps', 1],
      ]);

      const mapped = await call('PUT', `/api/v1/escalation-policies/services/${service.id}`, { policyId: policy.id });
      expect(mapped.statusCode, mapped.body).toBe(200);
      expect((await call('GET', `/api/v1/escalation-policies/${policy.id}`)).json().serviceIds).toEqual([service.id]);

      const byService = await call('GET', `/api/v1/oncall?service=${service.id}`);
      expect(byService.json().items.map((i: any) => [i.level, i.user.name, i.schedule?.id ?? null])).toEqual([
        [0, 'Primary', schedule.id],
        [1, 'No Contact', null],
        [1, 'Primary', schedule.id],
      ]);
      const atNight = await call('GET', `/api/v1/oncall?service=${service.id}&at=2026-01-05T22:00:00Z`);
      expect(atNight.json().items.map((i: any) => i.user.name)).toEqual(['No Contact']);
      const byTeam = await call('GET', `/api/v1/oncall?team=${team.id}`);
      expect(byTeam.json().items).toEqual([
        expect.objectContaining({ user: { id: primary.id, name: 'Primary' }, end: '2026-01-05T20:00:00.000Z' }),
      ]);

      // Replacing the policy answers the new warnings; a schedule in use cannot be deleted.
      const replaced = await call('PUT', `/api/v1/escalation-policies/${policy.id}`, {
        name: `Policy ${dialect}`,
        levels: [{ name: 'Primary on-call', targets: [{ kind: 'user', id: primary.id }] }],
      });
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect(replaced.json().warnings).toEqual([]);
      expect(replaced.json().policy.levels[0].name).toBe('Primary on-call');
      const inUse = await call('DELETE', `/api/v1/escalation-policies/${policy.id}`);
      expect(inUse.statusCode).toBe(409);
    });

    it('resolveEscalationLevel walks levels and repeats for the paging domain', async () => {
      const { resolveEscalationLevel } = await import('../../src/domains/oncall/index.js');
      const [a, b] = [await buildUser(t), await buildUser(t)];
      const schedule = await makeSchedule([dailyLayer([a.id])]);
      const created = await call('POST', '/api/v1/escalation-policies', {
        name: `Repeat ${dialect}`,
        repeat: 1,
        levels: [
          {
            targets: [
              { kind: 'schedule', id: schedule.id },
              { kind: 'user', id: a.id },
            ],
          },
          { targets: [{ kind: 'user', id: b.id }] },
        ],
      });
      const id = created.json().policy.id;
      const now = t.clock.now();
      expect(await resolveEscalationLevel(t, id, 0, now)).toEqual([a.id]);
      expect(await resolveEscalationLevel(t, id, 1, now)).toEqual([b.id]);
      expect(await resolveEscalationLevel(t, id, 2, now)).toEqual([a.id]);
      expect(await resolveEscalationLevel(t, id, 3, now)).toEqual([b.id]);
      expect(await resolveEscalationLevel(t, id, 4, now)).toEqual([]);
    });
  });

  describe('calendar feeds', () => {
    it('serves a schedule feed at a secret URL that node-ical parses into the shifts', async () => {
      const a = await buildUser(t, { name: 'Ada' });
      const b = await buildUser(t, { name: 'Bo' });
      const schedule = await makeSchedule([
        dailyLayer([a.id, b.id], { timeZone: 'Europe/Berlin', rotation: { unit: 'week', every: 1 } }),
      ]);
      const created = await call('POST', `/api/v1/schedules/${schedule.id}/calendar-feed`);
      expect(created.statusCode, created.body).toBe(201);
      const path = new URL(created.json().url).pathname;
      const res = await app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      const events = eventsOf(res.body);
      expect(events.slice(0, 3).map((e) => [e.summary, e.start, e.end])).toEqual([
        ['On call: Ada', '2026-01-05T08:00:00.000Z', '2026-01-12T08:00:00.000Z'],
        ['On call: Bo', '2026-01-12T08:00:00.000Z', '2026-01-19T08:00:00.000Z'],
        ['On call: Ada', '2026-01-19T08:00:00.000Z', '2026-01-26T08:00:00.000Z'],
      ]);

      const wrong = await app.inject({ method: 'GET', url: path.replace(/\/[^/]+\.ics$/, '/fbcal_wrong.ics') });
      expect(wrong.statusCode).toBe(404);
      // A new URL revokes the old one.
      await call('POST', `/api/v1/schedules/${schedule.id}/calendar-feed`);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    });

    it('serves a personal feed with only that person’s shifts, across DST in March', async () => {
      const me = await buildUser(t, { name: 'Me' });
      const other = await buildUser(t);
      const myToken = await tokenFor(t, me, 'write');
      await makeSchedule([dailyLayer([me.id, other.id], { timeZone: 'Europe/Berlin', startDate: '2026-01-05' })]);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/oncall/calendar-feed',
        headers: bearer(myToken),
      });
      expect(created.statusCode, created.body).toBe(201);
      await t.clock.set(Date.parse('2026-03-20T00:00:00Z'));
      const res = await app.inject({ method: 'GET', url: new URL(created.json().url).pathname });
      const events = eventsOf(res.body);
      expect(events.length).toBeGreaterThan(20);
      const starts = events.map((e) => e.start);
      // 09:00 Berlin is 08:00Z in winter and 07:00Z after 2026-03-29.
      expect(starts).toContain('2026-03-28T08:00:00.000Z');
      expect(starts).toContain('2026-03-30T07:00:00.000Z');
      expect(events.every((e) => e.summary.startsWith('On call: Schedule'))).toBe(true);
      await t.clock.set(Date.parse('2026-01-05T09:00:00Z'));
    });
  });
});
