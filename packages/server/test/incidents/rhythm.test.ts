import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.js';
import { openDatabase } from '../../src/core/db/database.js';
import { EventBus } from '../../src/core/events.js';
import { assignRole } from '../../src/domains/incidents/commands/assign-role.js';
import { changeSeverity } from '../../src/domains/incidents/commands/change-severity.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { enqueueReminder } from '../../src/domains/incidents/commands/schedule.js';
import { getVisibleIncident, incidentDetail } from '../../src/domains/incidents/incidents.service.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person, runDueJobs } from './helpers.js';

const MIN = 60_000;

describeEachDialect('update cadence and upgrade prompts', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  const entries = async (incidentId: string, kind: string) =>
    t.db
      .selectFrom('timeline_entries')
      .select(['data', 'text'])
      .where('incident_id', '=', incidentId)
      .where('kind', '=', kind)
      .orderBy('recorded_at')
      .execute();
  const overdue = async (ctx: AppContext, id: string) =>
    (await incidentDetail(ctx, await getVisibleIncident(ctx, null, id), null)).updateOverdue;

  it('reminds the communications lead, then the commander, exactly once per overdue period — also across a restart', async () => {
    const { as: commander } = await person(t);
    const { user: lead } = await person(t);
    const incident = await declare(t, commander, { severity: 'sev2' }); // 30-minute cadence
    await assignRole(t, commander, incident.id, { role: 'communications_lead', userId: lead.id });
    const events: unknown[] = [];
    t.events.on('incident.update_overdue', (e) => {
      if (e.incidentId === incident.id) events.push(e);
    });

    await t.clock.advance(29 * MIN);
    await runDueJobs(t);
    expect(await entries(incident.id, 'update_overdue')).toHaveLength(0);
    expect(await overdue(t, incident.id)).toBe(false);

    await t.clock.advance(2 * MIN);
    await runDueJobs(t);
    await runDueJobs(t);
    const first = await entries(incident.id, 'update_overdue');
    expect(first).toHaveLength(1);
    expect(JSON.parse(first[0]!.data)).toMatchObject({ step: 'communications_lead', recipientId: lead.id });
    expect(events).toEqual([
      expect.objectContaining({ incidentId: incident.id, recipientId: lead.id, step: 'communications_lead' }),
    ]);
    expect(await overdue(t, incident.id)).toBe(true);

    // A new process on the same database runs the reminder again (its completion was lost in a crash).
    const database = openDatabase({ databaseUrl: t.database.url, dataDir: t.config.dataDir, poolSize: 2 });
    try {
      const restarted: AppContext = { ...t, db: database.db, events: new EventBus() };
      const dueAt = Date.parse(incident.nextUpdateDueAt!);
      await restarted.db
        .transaction()
        .execute((trx) =>
          enqueueReminder(trx, restarted, { incidentId: incident.id, dueAt, step: 'communications_lead' }, dueAt),
        );
      await runDueJobs(restarted);
      expect(await entries(incident.id, 'update_overdue')).toHaveLength(1);
      expect(await overdue(restarted, incident.id)).toBe(true);

      // Still overdue five minutes later: the commander is reminded, once.
      await t.clock.advance(5 * MIN);
      await runDueJobs(restarted);
      await runDueJobs(t);
      const both = (await entries(incident.id, 'update_overdue')).map((e) => JSON.parse(e.data));
      expect(both.map((d) => [d.step, d.recipientId])).toEqual([
        ['communications_lead', lead.id],
        ['commander', commander.userId],
      ]);
    } finally {
      await database.close();
    }

    // Posting an update ends the overdue period; the next one gets its own single reminder.
    await postStatusUpdate(t, commander, incident.id, { currentStatus: 'Still investigating' });
    expect(await overdue(t, incident.id)).toBe(false);
    await t.clock.advance(31 * MIN);
    await runDueJobs(t);
    await runDueJobs(t);
    const all = (await entries(incident.id, 'update_overdue')).map((e) => JSON.parse(e.data).step);
    expect(all).toEqual(['communications_lead', 'commander', 'communications_lead']);
  });

  it('sends no reminder when the update comes in time, nor after resolution', async () => {
    const { as } = await person(t);
    const onTime = await declare(t, as, { severity: 'sev1' }); // 15-minute cadence
    const resolved = await declare(t, as, { severity: 'sev1' });
    await t.clock.advance(10 * MIN);
    await postStatusUpdate(t, as, onTime.id, {
      currentStatus: 'Mitigation deployed',
      nextUpdateAt: new Date(t.clock.now() + 60 * MIN).toISOString(),
    });
    await changeStatus(t, as, resolved.id, { status: 'resolved' });
    await t.clock.advance(30 * MIN);
    await runDueJobs(t);
    expect(await entries(onTime.id, 'update_overdue')).toHaveLength(0);
    expect(await entries(resolved.id, 'update_overdue')).toHaveLength(0);
    expect(await overdue(t, resolved.id)).toBe(false);
  });

  it('has no cadence for Sev4', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as, { severity: 'sev4' });
    expect(incident.nextUpdateDueAt).toBeNull();
  });

  it('prompts the commander to upgrade once, after the upgrade-after time, without changing the severity', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as, { severity: 'sev3' }); // upgrade prompt after 480 minutes
    const prompts: unknown[] = [];
    t.events.on('incident.upgrade_prompt', (e) => {
      if (e.incidentId === incident.id) prompts.push(e);
    });
    await t.clock.advance(479 * MIN);
    await runDueJobs(t);
    expect(await entries(incident.id, 'upgrade_prompt')).toHaveLength(0);
    await t.clock.advance(2 * MIN);
    await runDueJobs(t);
    await runDueJobs(t);
    const found = await entries(incident.id, 'upgrade_prompt');
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toMatch(/Sev3 and unresolved for more than 480 minutes: consider upgrading to Sev2/);
    expect(prompts).toEqual([
      { incidentId: incident.id, commanderId: as.userId, severity: 'sev3', suggestedSeverity: 'sev2' },
    ]);
    const after = await getVisibleIncident(t, as, incident.id);
    expect(after.severity_id).toBe(
      (await t.db.selectFrom('severities').select('id').where('key', '=', 'sev3').executeTakeFirstOrThrow()).id,
    );
  });

  it('restarts the upgrade clock when the severity changes', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as, { severity: 'sev3' });
    await t.clock.advance(400 * MIN);
    await changeSeverity(t, as, incident.id, { severity: 'sev2', reason: 'More customers affected' }); // 120 minutes
    await t.clock.advance(100 * MIN);
    await runDueJobs(t);
    expect(await entries(incident.id, 'upgrade_prompt')).toHaveLength(0);
    await t.clock.advance(20 * MIN);
    await runDueJobs(t);
    const found = await entries(incident.id, 'upgrade_prompt');
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toMatch(/Sev2 .* consider upgrading to Sev1/);
  });
});
