import type { OncallLoadFigures, SummaryFigures } from '@firebreak/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/domains/paging/commands/create-page.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, viewer } from '../incidents/helpers.js';
import { HOUR, runJobs } from './world.js';

// On-call load through the team, service and severity filters, which keep a notification by its
// page: the team paged (or owning the page's service), the service, the severity of the page's
// incident. Three pages on Tuesday 2026-04-07 (all people in UTC):
//   02:00 to team T (no escalation policy: every member, here Ana)       team T
//   10:00 to Bo directly, about a Sev1 incident                           severity sev1
//   23:00 to Ana and Bo directly, about nothing                           neither

const FROM = '2026-04-06T00:00:00.000Z';
const TO = '2026-04-13T00:00:00.000Z';
const TUESDAY = Date.parse('2026-04-07T00:00:00Z');

describeEachDialect('on-call load by team, service and severity', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let token: string;
  let team: { id: string; slug: string };
  let service: { id: string };

  const load = async (filters: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/oncall-load?from=${FROM}&to=${TO}${filters}`,
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json() as OncallLoadFigures;
    return { pages: figures.pages, sleep: figures.sleepHours, people: figures.people.map((p) => p.user.name).sort() };
  };

  beforeAll(async () => {
    t = await createTestContext(dialect);
    await t.clock.set(TUESDAY);
    app = await buildApp(t);
    const admin = await buildUser(t, { role: 'admin' });
    token = await tokenFor(t, admin);
    const ana = await buildUser(t, { name: 'Ana', contactEmail: false });
    const bo = await buildUser(t, { name: 'Bo', contactEmail: false });
    team = await buildTeam(t, { members: [ana] });
    service = await buildService(t, { teamId: team.id });
    const incident = await declare(t, viewer(admin), { severity: 'sev1' });
    const page = async (hour: number, target: { teamId: string } | { userIds: string[] }, incidentId?: string) => {
      await t.clock.set(TUESDAY + hour * HOUR);
      await createPage(
        t,
        { ...target, summary: `Page at ${hour}:00`, ...(incidentId ? { incidentId } : {}) },
        'system',
      );
      await runJobs(t);
    };
    await page(2, { teamId: team.id });
    await page(10, { userIds: [bo.id] }, incident.id);
    await page(23, { userIds: [ana.id, bo.id] });
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('keeps the notifications of the pages each filter keeps', async () => {
    expect(await load('')).toEqual({ pages: 4, sleep: 3, people: ['Ana', 'Bo'] });
    expect(await load(`&team=${team.slug}`)).toEqual({ pages: 1, sleep: 1, people: ['Ana'] });
    expect(await load('&severity=sev1')).toEqual({ pages: 1, sleep: 0, people: ['Bo'] });
    expect(await load(`&team=${team.slug}&severity=sev1`)).toEqual({ pages: 0, sleep: 0, people: [] });
    expect(await load('&severity=sev2')).toEqual({ pages: 0, sleep: 0, people: [] });
    expect(await load(`&service=${service.id}`)).toEqual({ pages: 0, sleep: 0, people: [] });
  });

  it('counts the same notifications in the summary', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/analytics/summary?from=${FROM}&to=${TO}&team=${team.slug}`,
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as SummaryFigures).current).toMatchObject({ pages: 1, sleepHourPages: 1 });
  });
});
