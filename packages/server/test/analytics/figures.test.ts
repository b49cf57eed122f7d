import type {
  CadenceFigures,
  IncidentFigures,
  OncallLoadFigures,
  PostmortemFigures,
  ResponseFigures,
  SummaryFigures,
} from '@firebreak/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acknowledgePage } from '../../src/domains/paging/commands/acknowledge-page.js';
import { createActionItem, updateActionItem } from '../../src/domains/postmortems/commands/action-items.js';
import { addFactor } from '../../src/domains/postmortems/commands/analysis.js';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { changePostmortemStatus, updatePostmortem } from '../../src/domains/postmortems/commands/edit-postmortem.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { DAY, HOUR, MIN, pageAt, playIncident } from './world.js';

// One week of known data, worked out by hand (all times UTC, clock starts Monday 2026-01-05 09:00):
//
// I1 sev2 team T (service S1): detected 10 min before declaration; stakeholder updates at +20 (due
//    +30: on time) and +70 (due +50: late), public update at +25; monitoring at +80, resolved at +90.
// I2 sev2 (service S2, no team): detected 20 min before; resolved at +30; no updates.
// I3 sev3 team T, customer report: detected 30 min before; resolved at +60.
// I4 sev1 team T, PRIVATE: detected 40 min before; resolved at +20.
//
// MTTA (detected → acknowledged at declaration): 10, 20, 30, 40 min; MTTR: 100, 50, 90, 60 min.
// Pages on Tuesday to a New York person and a UTC person together, at 04:00Z, 11:30Z, 12:30Z and
// 15:00Z: 23:00, 06:30, 07:30, 10:00 in New York (two sleep-hour pages) and one sleep-hour page in UTC.

const FROM = '2026-01-05T00:00:00.000Z';
const TO = '2026-01-12T00:00:00.000Z';
const T0 = Date.parse('2026-01-05T09:00:00Z');
const TUESDAY = Date.parse('2026-01-06T00:00:00Z');

describeEachDialect('analytics figures', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let tokens: { admin: string; outsider: string };
  let team: { id: string; slug: string };
  let s1: { id: string };
  let s2: { id: string };
  let ny: { id: string };
  let utc: { id: string };

  const get = async <T>(path: string, who: keyof typeof tokens = 'admin', query = '') => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/${path}?from=${FROM}&to=${TO}${query}`,
      headers: bearer(tokens[who]),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    t = await createTestContext(dialect);
    await t.clock.set(T0);
    app = await buildApp(t);
    const admin = await buildUser(t, { role: 'admin' });
    const commander = await buildUser(t, { role: 'responder' });
    const outsider = await buildUser(t, { role: 'responder' });
    ny = await buildUser(t, { timeZone: 'America/New_York', contactEmail: false });
    utc = await buildUser(t, { timeZone: 'UTC', contactEmail: false });
    tokens = { admin: await tokenFor(t, admin), outsider: await tokenFor(t, outsider) };
    team = await buildTeam(t, { members: [commander] });
    s1 = await buildService(t, { teamId: team.id });
    s2 = await buildService(t);
    const as = viewer(commander);

    const i1 = await playIncident(t, as, {
      severity: 'sev2',
      detectedAgo: 10 * MIN,
      serviceIds: [s1.id],
      steps: [
        { at: 20, update: 'stakeholders' },
        { at: 25, update: 'public' },
        { at: 70, update: 'stakeholders' },
        { at: 80, status: 'monitoring' },
        { at: 90, status: 'resolved' },
      ],
    });
    await playIncident(t, as, {
      severity: 'sev2',
      detectedAgo: 20 * MIN,
      serviceIds: [s2.id],
      steps: [{ at: 30, status: 'resolved' }],
    });
    await playIncident(t, as, {
      severity: 'sev3',
      detectedAgo: 30 * MIN,
      serviceIds: [s1.id],
      source: 'customer_report',
      steps: [{ at: 60, status: 'resolved' }],
    });
    const i4 = await playIncident(t, as, {
      severity: 'sev1',
      detectedAgo: 40 * MIN,
      serviceIds: [s1.id],
      private: true,
      steps: [{ at: 20, status: 'resolved' }],
    });

    const first = await pageAt(t, TUESDAY + 4 * HOUR, [ny.id, utc.id]);
    await t.clock.advance(6 * MIN);
    await acknowledgePage(t, first, { userId: ny.id, role: 'responder', name: 'NY', via: 'token' } as never);
    await pageAt(t, TUESDAY + 11.5 * HOUR, [ny.id, utc.id]);
    await pageAt(t, TUESDAY + 12.5 * HOUR, [ny.id, utc.id]);
    await pageAt(t, TUESDAY + 15 * HOUR, [ny.id, utc.id]);

    // I1's postmortem: published Thursday 09:00 (2 d 22 h 30 min after resolution, Monday 10:30),
    // with two factors, a tag and two action items: one done, one overdue by Saturday.
    await t.clock.set(Date.parse('2026-01-07T09:00:00Z'));
    const { id: pm } = await createPostmortem(t, as, { incidentId: i1.id });
    await addFactor(t, as, pm, { category: 'deploy', description: 'A config rollout' });
    await addFactor(t, as, pm, { category: 'deploy', description: 'No canary' });
    await addFactor(t, as, pm, { category: 'monitoring', description: 'Alert fired late' });
    await updatePostmortem(t, as, pm, { version: 1, tags: ['checkout'] });
    const done = await createActionItem(t, as, {
      from: { kind: 'postmortem', id: pm },
      title: 'Add a canary stage',
      dueAt: '2026-01-09T09:00:00.000Z',
    });
    await createActionItem(t, as, {
      from: { kind: 'postmortem', id: pm },
      title: 'Alert on error budget',
      dueAt: '2026-01-09T09:00:00.000Z',
    });
    await updateActionItem(t, as, done, { version: 1, status: 'done' });
    // The private incident's postmortem (a draft) and its action item, overdue too.
    const { id: secretPm } = await createPostmortem(t, as, { incidentId: i4.id });
    await createActionItem(t, as, {
      from: { kind: 'postmortem', id: secretPm },
      title: 'Rotate the leaked key',
      dueAt: '2026-01-09T09:00:00.000Z',
    });
    await t.clock.set(Date.parse('2026-01-08T09:00:00Z'));
    await changePostmortemStatus(t, as, pm, { status: 'in_review' });
    await changePostmortemStatus(t, as, pm, { status: 'published' });
    await t.clock.set(Date.parse('2026-01-10T12:00:00Z'));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('counts incidents by severity and week, with the customer-reported share', async () => {
    const f = await get<IncidentFigures>('incidents');
    expect(f.count).toBe(4);
    expect(f.bySeverity.map((s) => [s.severity, s.count])).toEqual([
      ['sev1', 1],
      ['sev2', 2],
      ['sev3', 1],
      ['sev4', 0],
    ]);
    expect(f.customerReported).toBe(1);
    expect(f.customerReportedShare).toBe(0.25);
    expect(f.weeks).toHaveLength(1);
    expect(f.weeks[0]).toMatchObject({ weekStart: FROM, total: 4 });
  });

  it('gives MTTA, time to mitigate and MTTR as mean, p50 and p90', async () => {
    const f = await get<ResponseFigures>('response');
    expect(f.acknowledge).toEqual({ count: 4, meanMs: 25 * MIN, p50Ms: 25 * MIN, p90Ms: 37 * MIN });
    // MTTR 50, 60, 90, 100 min: p50 halfway between 60 and 90, p90 at 0.7 of the way from 90 to 100.
    expect(f.resolve).toEqual({ count: 4, meanMs: 75 * MIN, p50Ms: 75 * MIN, p90Ms: 97 * MIN });
    // Mitigation: I1 at monitoring (+80 → 90 min); the others when resolved (50, 90, 60 min).
    expect(f.mitigate).toMatchObject({ count: 4, p50Ms: 75 * MIN });
    expect(f.assignCommander).toMatchObject({ count: 4, p50Ms: 0 });
    expect(f.pageAcknowledge).toEqual({ count: 1, meanMs: 6 * MIN, p50Ms: 6 * MIN, p90Ms: 6 * MIN });
    expect(f.weeks[0]).toMatchObject({ incidents: 4, mttaP50Ms: 25 * MIN, mttrP50Ms: 75 * MIN });
  });

  it('counts a private incident only for people who may see it', async () => {
    const outsider = await get<ResponseFigures>('response', 'outsider');
    expect(outsider.acknowledge).toEqual({ count: 3, meanMs: 20 * MIN, p50Ms: 20 * MIN, p90Ms: 28 * MIN });
    const counts = await get<IncidentFigures>('incidents', 'outsider');
    expect(counts.count).toBe(3);
    expect(counts.bySeverity.find((s) => s.severity === 'sev1')?.count).toBe(0);
    const admin = await get<IncidentFigures>('incidents', 'admin', '&severity=sev1');
    expect(admin.count).toBe(1);
    const pms = await get<PostmortemFigures>('postmortems', 'outsider');
    expect(pms).toMatchObject({ required: 2, started: 1, published: 1 });
    expect(pms.actionItems).toEqual({ opened: 2, closed: 1, overdue: 1 });
    const summary = await get<SummaryFigures>('summary', 'outsider');
    expect(summary.current).toMatchObject({ incidents: 3, actionItemsOverdue: 1 });
    // Filtered counts look each item's incident up: the private one stays out there too.
    const filtered = await get<PostmortemFigures>('postmortems', 'outsider', `&team=${team.id}`);
    expect(filtered.actionItems).toEqual({ opened: 2, closed: 1, overdue: 1 });
  });

  it('filters by team, service and severity', async () => {
    expect((await get<IncidentFigures>('incidents', 'admin', `&team=${team.slug}`)).count).toBe(3);
    expect((await get<IncidentFigures>('incidents', 'admin', `&service=${s2.id}`)).count).toBe(1);
    expect((await get<IncidentFigures>('incidents', 'admin', '&severity=sev2,sev3')).count).toBe(3);
    const sev2 = await get<ResponseFigures>('response', 'admin', '&severity=sev2');
    expect(sev2.resolve).toMatchObject({ count: 2, p50Ms: 75 * MIN });
    // Action items of the filtered incidents: I1's two (sev2, one done), I4's one (sev1, private).
    const items = async (query: string, who: keyof typeof tokens = 'admin') =>
      (await get<PostmortemFigures>('postmortems', who, query)).actionItems;
    expect(await items('&severity=sev2')).toEqual({ opened: 2, closed: 1, overdue: 1 });
    expect(await items('&severity=sev1')).toEqual({ opened: 1, closed: 0, overdue: 1 });
    expect(await items('&severity=sev1', 'outsider')).toEqual({ opened: 0, closed: 0, overdue: 0 });
    expect(await items(`&service=${s1.id}`)).toEqual({ opened: 3, closed: 1, overdue: 2 });
    expect(await items(`&service=${s1.id}`, 'outsider')).toEqual({ opened: 2, closed: 1, overdue: 1 });
    expect(await items(`&service=${s2.id}`)).toEqual({ opened: 0, closed: 0, overdue: 0 });
    const outside = await app.inject({
      method: 'GET',
      url: '/api/v1/analytics/incidents?from=2026-01-12T00:00:00Z&to=2026-01-19T00:00:00Z',
      headers: bearer(tokens.admin),
    });
    expect(outside.json().count).toBe(0);
  });

  it('measures update cadence adherence: on-time against late updates, and the longest silence', async () => {
    const f = await get<CadenceFigures>('cadence');
    const sev2 = f.bySeverity.find((s) => s.severity === 'sev2')!;
    expect(sev2.cadenceMinutes).toBe(30);
    expect(sev2.stakeholders).toEqual({
      incidents: 2,
      posted: 2,
      onTime: 1,
      late: 1,
      adherence: 0.5,
      longestSilenceMs: 50 * MIN,
    });
    expect(sev2.public).toEqual({
      incidents: 2,
      posted: 1,
      onTime: 1,
      late: 0,
      adherence: 1,
      longestSilenceMs: 65 * MIN,
    });
    const sev1 = f.bySeverity.find((s) => s.severity === 'sev1')!;
    expect(sev1.stakeholders).toMatchObject({ incidents: 1, posted: 0, adherence: null, longestSilenceMs: 20 * MIN });
    // sev3 expects no public updates; sev4 no updates at all.
    expect(f.bySeverity.find((s) => s.severity === 'sev3')!.public.incidents).toBe(0);
    expect(f.bySeverity.find((s) => s.severity === 'sev4')!.stakeholders.incidents).toBe(0);
    expect(f.stakeholders).toMatchObject({ incidents: 4, posted: 2, onTime: 1, adherence: 0.5 });
  });

  it('counts sleep-hour pages in each person’s own zone, and load by local hour', async () => {
    const f = await get<OncallLoadFigures>('oncall-load');
    expect(f.pages).toBe(8);
    expect(f.sleepHours).toBe(3);
    const nyLoad = f.people.find((p) => p.user.id === ny.id)!;
    const utcLoad = f.people.find((p) => p.user.id === utc.id)!;
    expect(nyLoad).toMatchObject({ timeZone: 'America/New_York', pages: 4, sleepHours: 2, acknowledged: 1 });
    expect(nyLoad.acknowledgeP50Ms).toBe(6 * MIN);
    const busyHours = (hours: number[]) => hours.flatMap((n, h) => (n ? [h] : []));
    expect(busyHours(nyLoad.hours)).toEqual([6, 7, 10, 23]);
    expect(utcLoad).toMatchObject({ timeZone: 'UTC', pages: 4, sleepHours: 1 });
    expect(busyHours(utcLoad.hours)).toEqual([4, 11, 12, 15]);
    // Outside Mon–Fri 09–18 in their zone: 23:00, 06:30, 07:30 in New York; 04:00 in UTC.
    expect(nyLoad.outsideWorkingHours).toBe(3);
    expect(utcLoad.outsideWorkingHours).toBe(1);
  });

  it('reports postmortem completion, time to publish, action items, factors and tags', async () => {
    const f = await get<PostmortemFigures>('postmortems');
    expect(f).toMatchObject({ required: 3, started: 2, published: 1, completion: 1 / 3 });
    expect(f.timeToPublish.p50Ms).toBe(2 * DAY + 22 * HOUR + 30 * MIN);
    expect(f.actionItems).toEqual({ opened: 3, closed: 1, overdue: 2 });
    expect(f.factors).toEqual([
      { category: 'deploy', count: 2 },
      { category: 'monitoring', count: 1 },
    ]);
    expect(f.tags).toEqual([{ tag: 'checkout', count: 1 }]);
  });

  it('summarises a range against the one before it', async () => {
    const f = await get<SummaryFigures>('summary');
    expect(f.current).toMatchObject({
      incidents: 4,
      mttaP50Ms: 25 * MIN,
      mttrP50Ms: 75 * MIN,
      pages: 8,
      sleepHourPages: 3,
      cadenceAdherence: 0.5,
      actionItemsOverdue: 2,
      customerReportedShare: 0.25,
    });
    expect(f.previous).toMatchObject({ from: '2025-12-29T00:00:00.000Z', to: FROM, incidents: 0, pages: 0 });
  });

  it('answers CSV with ?format=csv', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/oncall-load?from=${FROM}&to=${TO}&format=csv`,
      headers: bearer(tokens.admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('firebreak-oncall-load-2026-01-05-2026-01-12.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^person,time_zone,pages,outside_working_hours,sleep_hours,acknowledged,ack_p50_min,h00,/);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('America/New_York'))).toMatch(/,America\/New_York,4,3,2,1,6,/);
    const cadence = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/cadence?from=${FROM}&to=${TO}&format=csv`,
      headers: bearer(tokens.admin),
    });
    expect(cadence.body).toContain('sev2,30,stakeholders,2,2,1,1,50,50\r\n');
  });

  it('refuses a bad range or an unknown filter with a problem naming the field', async () => {
    const backwards = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/incidents?from=${TO}&to=${FROM}`,
      headers: bearer(tokens.admin),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('from');
    const severity = await app.inject({
      method: 'GET',
      url: '/api/v1/analytics/incidents?severity=sev9',
      headers: bearer(tokens.admin),
    });
    expect(severity.statusCode).toBe(400);
    expect(severity.json().detail).toContain('sev9');
    const team = await app.inject({
      method: 'GET',
      url: '/api/v1/analytics/cadence?team=nope',
      headers: bearer(tokens.admin),
    });
    expect(team.statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/analytics/summary' });
    expect(anonymous.statusCode).toBe(401);
  });
});
