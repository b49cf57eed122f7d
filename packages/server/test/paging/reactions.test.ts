import { CreateScheduleInput } from '@firebreak/shared';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDemoSeeds } from '../../src/demo/seed.js';
import { directoryModule } from '../../src/domains/directory/index.js';
import { assignRole } from '../../src/domains/incidents/commands/assign-role.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { incidentsModule } from '../../src/domains/incidents/index.js';
import { createSchedule } from '../../src/domains/oncall/commands/create-schedule.js';
import { oncallModule } from '../../src/domains/oncall/index.js';
import { getPageDetail, notifyPerson, pagingModule } from '../../src/domains/paging/index.js';
import { subscribePaging } from '../../src/domains/paging/paging.reactions.js';
import { pagingReadiness } from '../../src/domains/paging/paging.service.js';
import { buildService } from '../factories.js';
import { createTestContext, describeEachDialect } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import {
  createWorld,
  person,
  policyFor,
  signingSecret,
  startRecorder,
  verifySignature,
  type World,
} from './helpers.js';

// Paging's reactions to other domains' events, driven through the real commands and jobs of those
// domains on the fake clock: reminders, prompts and handoffs become notices; a declared high-urgency
// incident pages its services' escalation policies.

/** Event listeners run after the emitting command returns: wait for their writes to land. */
async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeEachDialect('paging: reactions to incidents and on-call', (dialect) => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    w = await createWorld(dialect);
    hook = await startRecorder(undefined, w.t.clock);
    subscribePaging(w.t);
  });
  afterAll(async () => {
    await hook.close();
    await w.close();
  });

  const reached = (path: string, subject = '') =>
    hook.requests.filter((r) => r.path === path && (JSON.parse(r.body).subject as string).includes(subject));
  const noticesOf = (userId: string) =>
    w.t.db.selectFrom('notices').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

  it('delivers an overdue-update reminder to the communications lead, then the commander, as notices that never escalate', async () => {
    const lead = await person(w, 'Lena Lead', [{ kind: 'webhook', address: `${hook.url}/lead-1` }]);
    const commander = await person(w, 'Cas Commander', [{ kind: 'webhook', address: `${hook.url}/commander-1` }]);
    const { incident } = await declareIncident(w.t, viewer(commander), {
      title: 'Checkout is failing',
      severity: 'sev2',
    });
    await assignRole(w.t, viewer(commander), incident.id, { role: 'communications_lead', userId: lead.id });

    await w.advance(31); // sev2: a 30-minute cadence
    const [notice] = await eventually(async () => {
      const rows = await noticesOf(lead.id);
      return rows.length > 0 && rows;
    }, "the lead's notice");
    expect(notice).toMatchObject({ kind: 'update_overdue', subject: `${incident.number}: status update overdue` });
    await w.run();
    const [request] = reached('/lead-1');
    expect(request).toBeDefined();
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      type: 'notice.notification',
      urgency: 'low',
      page: null,
      links: null,
      recipient: { id: lead.id, name: 'Lena Lead' },
    });
    expect(body.text).toContain(`/incidents/${incident.number.slice(4)}`);
    expect(
      verifySignature(
        signingSecret(w.t, lead.methodIds[0]!),
        request!.headers['firebreak-signature'] as string,
        request!.body,
      ),
    ).toBe(true);

    const inbox = (await w.call('GET', '/api/v1/me/inbox', undefined, lead.token)).json();
    expect(inbox.items).toEqual([
      expect.objectContaining({
        pageId: null,
        summary: `${incident.number}: status update overdue`,
        url: `${w.t.config.publicUrl}/incidents/${incident.number.slice(4)}`,
        readAt: null,
      }),
    ]);
    // A notice is not a page: nothing to acknowledge, nothing that escalates.
    expect(await w.t.db.selectFrom('pages').select('id').where('incident_id', '=', incident.id).execute()).toEqual([]);

    await w.advance(5); // still overdue: the commander is reminded too
    await eventually(async () => (await noticesOf(commander.id)).length > 0, "the commander's notice");
    await w.run();
    expect(reached('/commander-1')).toHaveLength(1);
    // Two hours on, the reminders have not repeated (the commander's sev2 upgrade prompt is another notice).
    await w.advance(120);
    expect(reached('/lead-1')).toHaveLength(1);
    expect(reached('/commander-1', 'status update overdue')).toHaveLength(1);
  });

  it('sends a notice once, however often its event arrives', async () => {
    const someone = await person(w, 'Dee Dup', [{ kind: 'webhook', address: `${hook.url}/dup` }]);
    const notice = {
      userId: someone.id,
      kind: 'update_overdue' as const,
      subject: 'Once',
      text: 'Only once',
      dedupKey: `test:${someone.id}`,
    };
    const first = await notifyPerson(w.t, notice);
    const again = await notifyPerson(w.t, notice);
    expect(first).toMatchObject({ deduplicated: false });
    expect(again).toEqual({ id: first!.id, deduplicated: true });
    await w.run();
    expect(reached('/dup')).toHaveLength(1);
  });

  it('follows the low-urgency rules for an upgrade prompt, and reading it in the app stops what is not sent yet', async () => {
    const commander = await person(w, 'Uma Upgrade', [
      { kind: 'webhook', address: `${hook.url}/upgrade-a` },
      { kind: 'webhook', address: `${hook.url}/upgrade-b` },
    ]);
    const rules = await w.call(
      'PUT',
      '/api/v1/me/notification-rules',
      { high: [], low: [{ contactMethodId: commander.methodIds[1], delayMinutes: 10 }] },
      commander.token,
    );
    expect(rules.statusCode, rules.body).toBe(200);
    const { incident } = await declareIncident(w.t, viewer(commander), { title: 'Search is slow', severity: 'sev3' });
    await w.advance(481); // sev3 prompts after 480 minutes (its overdue-update reminders are notices too)
    const notice = await eventually(
      async () => (await noticesOf(commander.id)).find((n) => n.kind === 'upgrade_prompt'),
      'the upgrade prompt',
    );
    expect(notice.subject).toBe(`${incident.number}: still Sev3, consider Sev2`);
    await w.run();
    expect(reached('/upgrade-a')).toHaveLength(0);
    expect(reached('/upgrade-b', 'consider Sev2')).toHaveLength(0);
    await w.advance(10);
    expect(reached('/upgrade-b', 'consider Sev2')).toHaveLength(1);
    expect(reached('/upgrade-a')).toHaveLength(0);

    // A second notice, read in the app before its delayed delivery is due: the delivery is stopped.
    const second = await notifyPerson(w.t, {
      userId: commander.id,
      kind: 'upgrade_prompt',
      subject: 'Read me',
      text: '…',
    });
    await w.run();
    const inApp = await w.t.db
      .selectFrom('notifications')
      .select('id')
      .where('notice_id', '=', second!.id)
      .where('channel', '=', 'in_app')
      .executeTakeFirstOrThrow();
    const read = await w.call('POST', `/api/v1/me/inbox/${inApp.id}/read`, {}, commander.token);
    expect(read.statusCode, read.body).toBe(204);
    await w.advance(15);
    expect(reached('/upgrade-b', 'Read me')).toHaveLength(0);
    const statuses = await w.t.db
      .selectFrom('notifications')
      .select(['channel', 'status'])
      .where('notice_id', '=', second!.id)
      .execute();
    expect(statuses.map((s) => `${s.channel}:${s.status}`).sort()).toEqual(['in_app:sent', 'webhook:cancelled']);
  });

  it('tells a person an hour before their on-call stretch and at the handoff', async () => {
    const oncall = await person(w, 'Omar Oncall', [{ kind: 'webhook', address: `${hook.url}/shift` }]);
    const tomorrow = DateTime.fromMillis(w.t.clock.now(), { zone: 'UTC' }).plus({ days: 1 });
    const start = tomorrow.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).toMillis();
    const scheduleId = await createSchedule(
      w.t,
      null,
      CreateScheduleInput.parse({
        name: `Shift notices ${dialect}`,
        layers: [
          {
            participants: [oncall.id],
            rotation: { unit: 'week', every: 1 },
            handoffTime: '09:00',
            timeZone: 'UTC',
            startDate: tomorrow.toISODate(),
          },
        ],
      }),
    );
    await w.advance((start - 60 * 60_000 - w.t.clock.now()) / 60_000);
    const [upcoming] = await eventually(async () => {
      const rows = await noticesOf(oncall.id);
      return rows.length > 0 && rows;
    }, 'the upcoming-shift notice');
    expect(upcoming).toMatchObject({ kind: 'shift_starting', subject: `On call soon: Shift notices ${dialect}` });
    expect(upcoming!.url).toBe(`${w.t.config.publicUrl}/oncall/schedules/${scheduleId}`);
    expect(upcoming!.text).toContain(`from ${tomorrow.toFormat('ccc d LLL')} 09:00 UTC`);
    await w.run();
    expect(reached('/shift')).toHaveLength(1);

    await w.advance(60);
    await eventually(async () => (await noticesOf(oncall.id)).length === 2, 'the handoff notice');
    await w.run();
    expect(reached('/shift').map((r) => JSON.parse(r.body).subject)).toEqual([
      `[Firebreak] On call soon: Shift notices ${dialect}`,
      `[Firebreak] You are on call now: Shift notices ${dialect}`,
    ]);
  });

  it("pages each affected service's escalation policy once when a high-urgency incident is declared", async () => {
    const responder = await person(w, 'Pat Pager', [{ kind: 'webhook', address: `${hook.url}/declared` }]);
    const { serviceId } = await policyFor(w, [{ userIds: [responder.id], delayMinutes: 5 }]);
    const declarer = await person(w, 'Dana Declarer');
    const { incident } = await declareIncident(w.t, viewer(declarer), {
      title: 'Payments are timing out',
      severity: 'sev1',
      serviceIds: [serviceId],
    });
    const page = await eventually(
      () => w.t.db.selectFrom('pages').selectAll().where('incident_id', '=', incident.id).executeTakeFirst(),
      'the page',
    );
    expect(page).toMatchObject({
      source: 'incident',
      urgency: 'high',
      service_id: serviceId,
      dedup_key: `incident:${incident.id}:service:${serviceId}`,
      summary: `${incident.number} (Sev1): Payments are timing out`,
    });
    await w.run();
    expect(JSON.parse(reached('/declared')[0]!.body)).toMatchObject({
      type: 'page.notification',
      page: { id: page.id },
    });

    // Once per incident and service: the same event again (even after the page was resolved) pages nobody.
    expect((await w.call('POST', `/api/v1/pages/${page.id}/resolve`, {}, responder.token)).statusCode).toBe(200);
    w.t.events.emit('incident.declared', {
      incidentId: incident.id,
      severity: 'sev1',
      commanderId: declarer.id,
      private: false,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await w.t.db.selectFrom('pages').select('id').where('incident_id', '=', incident.id).execute()).toHaveLength(
      1,
    );
  });

  it('does not page for low urgency, for incidents from alerts, or for services without a policy; hides private titles', async () => {
    const responder = await person(w, 'Quinn Quiet', [{ kind: 'webhook', address: `${hook.url}/quiet` }]);
    const { serviceId } = await policyFor(w, [{ userIds: [responder.id], delayMinutes: 5 }]);
    const declarer = viewer(await person(w, 'Ira Incident'));
    const low = await declareIncident(w.t, declarer, { title: 'Low', severity: 'sev3', serviceIds: [serviceId] });
    const fromAlert = await declareIncident(w.t, declarer, {
      title: 'From an alert',
      severity: 'sev1',
      serviceIds: [serviceId],
      source: 'alert',
    });
    const unowned = await buildService(w.t);
    const noPolicy = await declareIncident(w.t, declarer, {
      title: 'Nobody',
      severity: 'sev1',
      serviceIds: [unowned.id],
    });
    const secret = await declareIncident(w.t, declarer, {
      title: 'Secret acquisition leak',
      severity: 'sev1',
      serviceIds: [serviceId],
      private: true,
    });
    const page = await eventually(
      () => w.t.db.selectFrom('pages').selectAll().where('incident_id', '=', secret.incident.id).executeTakeFirst(),
      'the private incident page',
    );
    expect(page.summary).toBe(`${secret.incident.number} (Sev1): private incident`);
    expect(page.details).not.toContain('Secret');
    await new Promise((r) => setTimeout(r, 100));
    const others = await w.t.db
      .selectFrom('pages')
      .select('id')
      .where('incident_id', 'in', [low.incident.id, fromAlert.incident.id, noPolicy.incident.id])
      .execute();
    expect(others).toEqual([]);
  });
});

describeEachDialect('paging: demo data', (dialect) => {
  it('seeds resolved pages with their history, notification rules and a readiness warning or two', async () => {
    const t = await createTestContext(dialect);
    try {
      await runDemoSeeds(t, [directoryModule, oncallModule, incidentsModule, pagingModule]);
      const pages = await t.db.selectFrom('pages').selectAll().orderBy('created_at').execute();
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.every((p) => p.status === 'resolved' && p.resolved_at! < t.clock.now())).toBe(true);
      const detail = await getPageDetail(t, pages[0]!.id);
      expect(detail.steps.length).toBeGreaterThan(0);
      const delivered = detail.steps.flatMap((s) => s.notifications).filter((n) => n.channel !== 'in_app');
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.every((n) => n.status === 'sent' && n.attempts.at(-1)?.status === 'accepted')).toBe(true);
      expect(detail.log.map((l) => l.kind)).toContain('resolved');
      expect(await t.db.selectFrom('notification_rules').select('id').execute()).not.toHaveLength(0);
      expect((await pagingReadiness(t)).items.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
