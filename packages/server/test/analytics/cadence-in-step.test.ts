import type { CadenceFigures } from '@firebreak/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changeSeverity } from '../../src/domains/incidents/commands/change-severity.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { addSubscriber } from '../../src/domains/incidents/commands/subscribers.js';
import { updateIncident } from '../../src/domains/incidents/commands/update-incident.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, viewer } from '../incidents/helpers.js';
import { MIN } from './world.js';

// Cadence adherence reads, on each status update, the same audience's previous update (when it
// was posted, when it promised the next one), which the incidents domain writes as it posts. This
// plays one sev2 incident (cadence 30 min, public updates expected), worked out by hand, and
// checks the stored pairs and the figures after each kind of write:
//
//   +15 public (no promise: next due +45)          first public, due +30: on time
//   +20 stakeholders, promising +60                first stakeholder, due +30: on time
//   +50 stakeholders (next due by cadence: +80)    due +60 (promised): on time
//   +100 stakeholders                              due +80: late
//   +105 resolved; +110 stakeholders (after resolution: not counted, no next due)
//
// Stakeholder gaps 20, 30, 50 min, then 5 min to resolution; public 15, then 90 min.

const T0 = Date.parse('2026-02-02T09:00:00Z');
const RANGE = 'from=2026-02-02T00:00:00Z&to=2026-02-09T00:00:00Z';

describeEachDialect('cadence adherence kept in step with status updates', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let commander: Viewer;
  let outsider: { id: string; token: string };
  let adminToken: string;
  let incidentId: string;

  const at = (minutes: number) => t.clock.set(T0 + minutes * MIN);
  const post = (audience: 'stakeholders' | 'public', nextUpdateAt?: number) =>
    postStatusUpdate(t, commander, incidentId, {
      audience,
      currentStatus: 'Working on it',
      ...(nextUpdateAt ? { nextUpdateAt: new Date(T0 + nextUpdateAt * MIN).toISOString() } : {}),
    });
  const storedPairs = async (audience: 'stakeholders' | 'public') => {
    const rows = await t.db
      .selectFrom('incident_status_updates')
      .select(['posted_at', 'next_update_at', 'previous_posted_at', 'previous_next_update_at'])
      .where('incident_id', '=', incidentId)
      .where('audience', '=', audience)
      .orderBy('posted_at')
      .execute();
    const minutes = (v: number | string | null) => (v == null ? null : (Number(v) - T0) / MIN);
    return rows.map((r) => [minutes(r.posted_at), minutes(r.previous_posted_at), minutes(r.previous_next_update_at)]);
  };
  const cadence = async (token = adminToken) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/analytics/cadence?${RANGE}`, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json() as CadenceFigures;
    return (key: string) => figures.bySeverity.find((s) => s.severity === key)!;
  };

  beforeAll(async () => {
    t = await createTestContext(dialect);
    await t.clock.set(T0);
    app = await buildApp(t);
    const admin = await buildUser(t, { role: 'admin' });
    const lead = await buildUser(t, { role: 'responder' });
    const other = await buildUser(t, { role: 'responder' });
    commander = viewer(lead);
    adminToken = await tokenFor(t, admin);
    outsider = { id: other.id, token: await tokenFor(t, other) };
    incidentId = (await declare(t, commander, { severity: 'sev2' })).id;
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('stores each update’s predecessor in its own audience, and counts it as on time or late', async () => {
    await at(15);
    await post('public');
    await at(20);
    await post('stakeholders', 60);
    await at(50);
    await post('stakeholders');
    let sev2 = (await cadence())('sev2');
    expect(sev2.stakeholders).toMatchObject({ posted: 2, onTime: 2, late: 0 });
    expect(sev2.public).toMatchObject({ posted: 1, onTime: 1 });

    await at(100);
    await post('stakeholders');
    await at(105);
    await changeStatus(t, commander, incidentId, { status: 'resolved' });
    await at(110);
    await post('stakeholders');

    expect(await storedPairs('stakeholders')).toEqual([
      [20, null, null],
      [50, 20, 60],
      [100, 50, 80],
      [110, 100, 130],
    ]);
    expect(await storedPairs('public')).toEqual([[15, null, null]]);
    sev2 = (await cadence())('sev2');
    expect(sev2.stakeholders).toEqual({
      incidents: 1,
      posted: 3,
      onTime: 2,
      late: 1,
      adherence: 2 / 3,
      longestSilenceMs: 50 * MIN,
    });
    expect(sev2.public).toEqual({
      incidents: 1,
      posted: 1,
      onTime: 1,
      late: 0,
      adherence: 1,
      longestSilenceMs: 90 * MIN,
    });
  });

  it('follows a severity change: the first update is due one new cadence after declaration', async () => {
    await at(120);
    await changeSeverity(t, commander, incidentId, { severity: 'sev1', reason: 'Payments affected' });
    const figures = await cadence();
    // Sev1 (15 min): the first stakeholder update (+20) is now late; the promised +60 and the
    // stored +80 still decide the others. The public one at +15 is just on time.
    expect(figures('sev1').stakeholders).toMatchObject({ incidents: 1, posted: 3, onTime: 1, late: 2 });
    expect(figures('sev1').public).toMatchObject({ posted: 1, onTime: 1 });
    expect(figures('sev2').stakeholders).toMatchObject({ incidents: 0, posted: 0 });
  });

  it('leaves a private incident out for people who may not see it, until they may', async () => {
    expect((await cadence(outsider.token))('sev1').stakeholders.posted).toBe(3);
    await updateIncident(t, commander, incidentId, { version: await versionOf(t, incidentId), private: true });
    expect((await cadence(outsider.token))('sev1').stakeholders).toMatchObject({ incidents: 0, posted: 0 });
    expect((await cadence())('sev1').stakeholders.posted).toBe(3);
    await addSubscriber(t, commander, incidentId, { userId: outsider.id });
    expect((await cadence(outsider.token))('sev1').stakeholders).toMatchObject({ incidents: 1, posted: 3, onTime: 1 });
  });
});

async function versionOf(t: TestContext, id: string): Promise<number> {
  const row = await t.db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}
