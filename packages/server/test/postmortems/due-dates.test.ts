import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { changePostmortemStatus } from '../../src/domains/postmortems/commands/edit-postmortem.js';
import { setDueRule } from '../../src/domains/postmortems/commands/templates.js';
import { listOverduePostmortems, postmortemDetail } from '../../src/domains/postmortems/postmortems.service.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { appFor, caller } from '../incidents/http.js';
import { DAY, MIN, person, recordEvents, resolvedIncident, runDueJobs } from './helpers.js';

// Due dates in working days of the organisation's time zone, reminders through the scheduler,
// and the overdue list for the dashboard.

describeEachDialect('postmortem due dates', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    // Friday 23:20 in New York, already Saturday in UTC: the organisation's weekday is what counts.
    await t.clock.set(Date.parse('2026-01-10T04:20:00Z'));
    t.config = { ...t.config, orgTimeZone: 'America/New_York' };
  });
  afterAll(() => t.close());

  it('is due two working days after resolution, is reminded, and is overdue until it goes to review', async () => {
    const owner = await person(t);
    const events = recordEvents(t, ['postmortem.reminder']);
    const incident = await resolvedIncident(t, owner.as, { severity: 'sev1' }); // resolved Friday 23:30 New York
    const { id } = await createPostmortem(t, owner.as, { incidentId: incident.id });
    const pm = await postmortemDetail(t, owner.as, id);
    expect(pm.dueAt).toBe('2026-01-14T04:30:00.000Z'); // Tuesday 23:30 New York (UTC would say Tuesday 04:30)
    const due = Date.parse(pm.dueAt!);

    await t.clock.set(due - DAY);
    await runDueJobs(t);
    expect(events.seen.map((e) => e.payload.step)).toEqual(['draft_due_soon']);
    expect(await listOverduePostmortems(t, owner.as)).toEqual([]);

    await t.clock.set(due);
    await runDueJobs(t);
    await runDueJobs(t);
    expect(events.seen.map((e) => e.payload)).toEqual([
      { postmortemId: id, incidentId: incident.id, recipientId: owner.user.id, step: 'draft_due_soon', dueAt: due },
      { postmortemId: id, incidentId: incident.id, recipientId: owner.user.id, step: 'draft_overdue', dueAt: due },
    ]);
    const overdue = await listOverduePostmortems(t, owner.as);
    expect(overdue.map((p) => [p.id, p.overdue])).toEqual([[id, true]]);

    await changePostmortemStatus(t, owner.as, id, { status: 'in_review' });
    expect(await listOverduePostmortems(t, owner.as)).toEqual([]);
    events.stop();
  });

  it('does not remind about a draft that went to review in time', async () => {
    const owner = await person(t);
    const incident = await resolvedIncident(t, owner.as);
    const { id } = await createPostmortem(t, owner.as, { incidentId: incident.id });
    await changePostmortemStatus(t, owner.as, id, { status: 'in_review' });
    const events = recordEvents(t, ['postmortem.reminder']);
    await t.clock.advance(10 * DAY);
    await runDueJobs(t);
    expect(events.seen).toEqual([]);
    events.stop();
  });

  it('reminds about publication when the severity has a publish due date', async () => {
    const admin = await person(t, 'admin');
    await setDueRule(t, admin.as, 'sev2', { draftDueWorkingDays: null, publishDueWorkingDays: 3 });
    const incident = await resolvedIncident(t, admin.as, { severity: 'sev2' });
    const { id } = await createPostmortem(t, admin.as, { incidentId: incident.id });
    const pm = await postmortemDetail(t, admin.as, id);
    expect(pm.dueAt).toBeNull();
    await changePostmortemStatus(t, admin.as, id, { status: 'in_review' });
    const events = recordEvents(t, ['postmortem.reminder']);
    await t.clock.set(Date.parse(pm.publishDueAt!) + MIN);
    await runDueJobs(t);
    expect(events.seen.map((e) => [e.payload.postmortemId, e.payload.step])).toEqual([[id, 'publish_overdue']]);
    expect((await listOverduePostmortems(t, admin.as)).map((p) => p.id)).toContain(id);
    await setDueRule(t, admin.as, 'sev2', { draftDueWorkingDays: 2, publishDueWorkingDays: null });
    events.stop();
  });

  it('serves due rules and templates over HTTP, admins change them', async () => {
    const app = await appFor(t);
    try {
      const responder = await caller(t);
      const admin = await caller(t, 'admin');
      const rules = await app.inject({
        method: 'GET',
        url: '/api/v1/postmortems/due-rules',
        headers: responder.headers,
      });
      expect(rules.json().items.find((r: { severity: string }) => r.severity === 'sev1')).toEqual({
        severity: 'sev1',
        postmortemRequired: true,
        draftDueWorkingDays: 2,
        publishDueWorkingDays: null,
        isDefault: true,
      });
      const put = (who: typeof admin) =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/postmortems/due-rules/sev4',
          headers: who.headers,
          payload: { draftDueWorkingDays: 5, publishDueWorkingDays: 10 },
        });
      expect((await put(responder)).statusCode).toBe(403);
      expect((await put(admin)).json()).toMatchObject({ severity: 'sev4', draftDueWorkingDays: 5, isDefault: false });

      const template = await app.inject({
        method: 'POST',
        url: '/api/v1/postmortems/templates',
        headers: admin.headers,
        payload: {
          name: 'Short',
          isDefault: true,
          sections: [
            { key: 'summary', title: 'Summary' },
            { key: 'actions', title: 'Actions', kind: 'action_items' },
          ],
        },
      });
      expect(template.statusCode).toBe(201);
      const templates = await app.inject({
        method: 'GET',
        url: '/api/v1/postmortems/templates',
        headers: responder.headers,
      });
      expect(templates.json().items.map((x: { name: string; isDefault: boolean }) => [x.name, x.isDefault])).toEqual([
        ['Standard postmortem', false],
        ['Short', true],
      ]);
      const duplicateKeys = await app.inject({
        method: 'POST',
        url: '/api/v1/postmortems/templates',
        headers: admin.headers,
        payload: {
          name: 'Bad',
          sections: [
            { key: 'a', title: 'A' },
            { key: 'a', title: 'B' },
          ],
        },
      });
      expect(duplicateKeys.statusCode).toBe(400);
      const builtIn = await app.inject({
        method: 'PATCH',
        url: '/api/v1/postmortems/templates/default',
        headers: admin.headers,
        payload: { name: 'Mine now' },
      });
      expect(builtIn.statusCode).toBe(400);

      const incident = await resolvedIncident(t, {
        userId: responder.user.id,
        name: responder.user.name,
        role: 'responder',
      });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/postmortems',
        headers: responder.headers,
        payload: { incidentId: incident.number },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().sections.map((s: { key: string }) => s.key)).toEqual(['summary', 'actions']);
      expect(created.json().templateId).toBe(template.json().id);
      await app.inject({
        method: 'DELETE',
        url: `/api/v1/postmortems/templates/${template.json().id}`,
        headers: admin.headers,
      });
    } finally {
      await app.close();
    }
  });
});
