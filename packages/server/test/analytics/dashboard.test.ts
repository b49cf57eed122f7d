import type { Dashboard } from '@firebreak/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActionItem } from '../../src/domains/postmortems/commands/action-items.js';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { MIN, pageAt, playIncident } from './world.js';

// The home page: active incidents with overdue badges, my open pages, who is on call per team,
// postmortems and action items due, and this month's figures against last month's.

describeEachDialect('analytics dashboard', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let me: Awaited<ReturnType<typeof buildUser>>;
  let other: Awaited<ReturnType<typeof buildUser>>;
  let team: { id: string; name: string };
  let board: (who?: 'me' | 'other') => Promise<Dashboard>;
  const tokens: Record<'me' | 'other' | 'admin', string> = { me: '', other: '', admin: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext(dialect);
    await t.clock.set(Date.parse('2026-02-10T09:00:00Z'));
    app = await buildApp(t);
    me = await buildUser(t, { name: 'Mia Me' });
    other = await buildUser(t, { name: 'Olu Other' });
    const admin = await buildUser(t, { role: 'admin' });
    tokens.me = await tokenFor(t, me);
    tokens.other = await tokenFor(t, other);
    tokens.admin = await tokenFor(t, admin);
    team = await buildTeam(t, { name: 'Payments', members: [me] });
    board = async (who = 'me') => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: bearer(tokens[who]) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Dashboard;
    };
    const schedule = await app.inject({
      method: 'POST',
      url: '/api/v1/schedules',
      headers: bearer(tokens.admin),
      payload: {
        name: 'Payments primary',
        teamId: team.id,
        layers: [
          {
            participants: [me.id],
            rotation: { unit: 'week', every: 1 },
            handoffTime: '09:00',
            timeZone: 'UTC',
            startDate: '2026-02-02',
          },
        ],
      },
    });
    expect(schedule.statusCode, schedule.body).toBe(201);

    // Last month, same days: one incident resolved in 60 min. This month: one resolved in 30 min.
    await t.clock.set(Date.parse('2026-01-05T09:00:00Z'));
    await playIncident(t, viewer(me), { severity: 'sev3', detectedAgo: 0, steps: [{ at: 60, status: 'resolved' }] });
    await t.clock.set(Date.parse('2026-02-03T09:00:00Z'));
    const resolved = await playIncident(t, viewer(me), {
      severity: 'sev2',
      detectedAgo: 0,
      steps: [{ at: 30, status: 'resolved' }],
    });
    const { id: pm } = await createPostmortem(t, viewer(me), { incidentId: resolved.id });
    ids.postmortem = pm;
    ids.item = await createActionItem(t, viewer(me), {
      from: { kind: 'postmortem', id: pm },
      title: 'Retry card payments',
      ownerId: me.id,
      dueAt: '2026-02-12T09:00:00.000Z',
    });

    await t.clock.set(Date.parse('2026-02-10T08:00:00Z'));
    const active = await playIncident(t, viewer(me), { severity: 'sev2', detectedAgo: 5 * MIN, steps: [] });
    ids.active = active.id;
    const secret = await playIncident(t, viewer(me), { severity: 'sev1', detectedAgo: 0, private: true, steps: [] });
    ids.secret = secret.id;
    ids.page = await pageAt(t, Date.parse('2026-02-10T08:30:00Z'), [me.id]);
    // 09:00: the sev2 (30 min cadence) and the sev1 (15 min) have had no update for an hour.
    await t.clock.set(Date.parse('2026-02-10T09:00:00Z'));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('lists active incidents by severity with overdue-update badges; a private one only for participants', async () => {
    const mine = await board('me');
    expect(mine.activeIncidents.map((i) => [i.id, i.severity?.key, i.updateOverdue])).toEqual([
      [ids.secret, 'sev1', true],
      [ids.active, 'sev2', true],
    ]);
    expect(mine.activeIncidents[1]!.commander).toEqual({ id: me.id, name: 'Mia Me' });
    expect(mine.activeBySeverity.filter((s) => s.count > 0)).toEqual([
      { severity: 'sev1', name: 'Sev1', rank: 1, count: 1, overdue: 1 },
      { severity: 'sev2', name: 'Sev2', rank: 2, count: 1, overdue: 1 },
    ]);
    const theirs = await board('other');
    expect(theirs.activeIncidents.map((i) => i.id)).toEqual([ids.active]);
  });

  it('shows my open pages, who is on call per team, and what is due', async () => {
    const mine = await board('me');
    expect(mine.myPages.map((p) => [p.id, p.status])).toEqual([[ids.page, 'triggered']]);
    expect((await board('other')).myPages).toEqual([]);
    expect(mine.onCall).toEqual([
      {
        team: { id: team.id, name: 'Payments' },
        people: [
          {
            user: { id: me.id, name: 'Mia Me' },
            schedule: expect.objectContaining({ name: 'Payments primary' }),
            // One person on a weekly rotation: no handoff in sight.
            until: null,
          },
        ],
      },
    ]);
    expect(mine.actionItemsDue).toEqual([
      expect.objectContaining({
        id: ids.item,
        title: 'Retry card payments',
        overdue: false,
        dueAt: '2026-02-12T09:00:00.000Z',
      }),
    ]);
    expect((await board('other')).actionItemsDue).toEqual([]);
    // The sev2 postmortem's draft was due two working days after creation: overdue by now.
    expect(mine.postmortemsDue).toEqual([
      expect.objectContaining({ id: ids.postmortem, status: 'draft', overdue: true }),
    ]);
  });

  it("compares this month's figures with the same days of last month", async () => {
    const { figures } = await board('me');
    expect(figures.current).toMatchObject({
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-02-10T09:00:00.000Z',
      incidents: 3,
      mttrP50Ms: 30 * MIN,
      pages: 1,
    });
    expect(figures.previous).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-10T09:00:00.000Z',
      incidents: 1,
      mttrP50Ms: 60 * MIN,
    });
    expect((await board('other')).figures.current.incidents).toBe(2);
  });
});

describeEachDialect('analytics dashboard: postmortems due', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let token = '';
  let me: Awaited<ReturnType<typeof buildUser>>;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    me = await buildUser(t, { name: 'Mia Me' });
    token = await tokenFor(t, me);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('lists the most urgent first when more are due than it shows', async () => {
    await t.clock.set(Date.parse('2026-03-02T09:00:00Z'));
    const by = viewer(me);
    const created: string[] = [];
    for (let i = 0; i < 110; i++) {
      const incident = await playIncident(t, by, {
        severity: 'sev2',
        detectedAgo: 0,
        steps: [{ at: 0, status: 'resolved' }],
      });
      created.push((await createPostmortem(t, by, { incidentId: incident.id })).id);
    }
    // The last one written is the most urgent: its draft was due yesterday.
    const urgent = created[created.length - 1]!;
    await t.db
      .updateTable('postmortems')
      .set({ due_at: Date.parse('2026-03-01T09:00:00Z') })
      .where('id', '=', urgent)
      .execute();
    const res = await app.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: bearer(token) });
    const due = (res.json() as Dashboard).postmortemsDue;
    expect(due).toHaveLength(20);
    expect(due[0]).toMatchObject({ id: urgent, overdue: true });
    expect(due.slice(1).every((p) => !p.overdue)).toBe(true);
  }, 60_000);
});
