import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { ensureDraftForResolvedIncident, postmortemsModule } from '../../src/domains/postmortems/index.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { person, recordEvents, resolvedIncident } from './helpers.js';

// The postmortems domain subscribes to `incident.status_changed`: resolving an incident whose
// severity requires a postmortem starts the draft.

describeEachDialect('automatic postmortem draft', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    postmortemsModule.subscribe!(t);
  });
  afterAll(() => t.close());

  it('starts when an incident whose severity requires one is resolved, once', async () => {
    const { as } = await person(t);
    const events = recordEvents(t, ['postmortem.created']);
    const sev2 = await resolvedIncident(t, as, { severity: 'sev2' });
    const sev3 = await resolvedIncident(t, as, { severity: 'sev3' });
    await vi.waitFor(async () => {
      const rows = await t.db
        .selectFrom('postmortems')
        .select(['incident_id', 'created_by'])
        .where('incident_id', '=', sev2.id)
        .execute();
      expect(rows).toEqual([{ incident_id: sev2.id, created_by: null }]);
    });
    expect(events.seen.filter((e) => e.payload.incidentId === sev2.id).map((e) => e.payload.automatic)).toEqual([true]);
    const [draft] = await t.db.selectFrom('postmortems').select('id').where('incident_id', '=', sev2.id).execute();
    // Reopened and resolved again, or the event handled twice: still the same single postmortem.
    await changeStatus(t, as, sev2.id, { status: 'investigating' });
    await changeStatus(t, as, sev2.id, { status: 'resolved' });
    expect(await ensureDraftForResolvedIncident(t, sev2.id)).toBe(draft!.id);
    // Sev3 does not require one.
    expect(await ensureDraftForResolvedIncident(t, sev3.id)).toBeNull();
    const rows = await t.db
      .selectFrom('postmortems')
      .select('incident_id')
      .where('incident_id', 'in', [sev2.id, sev3.id])
      .execute();
    expect(rows).toEqual([{ incident_id: sev2.id }]);
    expect(events.seen.filter((e) => e.payload.incidentId === sev2.id)).toHaveLength(1);
    events.stop();
  });
});
