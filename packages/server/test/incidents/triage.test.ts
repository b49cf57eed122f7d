import { afterAll, beforeAll, expect, it } from 'vitest';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { reportIncident } from '../../src/domains/incidents/commands/report-incident.js';
import { acceptTriage, declineTriage, mergeIncident } from '../../src/domains/incidents/commands/triage.js';
import { listIncidents, listSubscribers } from '../../src/domains/incidents/incidents.service.js';
import { buildService, buildTeam } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person, timelineKinds } from './helpers.js';

describeEachDialect('triage', (dialect) => {
  let t: TestContext;
  let team: { id: string };
  let service: { id: string; name: string };
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  async function report(title = 'Buyers get no confirmation email') {
    const { as: support } = await person(t, 'viewer');
    const { user: onCall, as: responder } = await person(t);
    team = await buildTeam(t, { members: [onCall] });
    service = await buildService(t, { teamId: team.id });
    const incident = await reportIncident(t, support, {
      title,
      customer: 'ACME Corp, ticket 4711',
      observed: 'Three buyers did not receive their order confirmation',
      serviceIds: [service.id],
    });
    return { incident, support, responder };
  }

  it('lands a customer report in triage, routed to the team owning the service', async () => {
    const { incident, support, responder } = await report();
    expect(incident).toMatchObject({
      status: 'triage',
      severity: null,
      channelName: null,
      declaredAt: null,
      teamId: team.id,
      source: 'customer_report',
      reporter: { id: support.userId },
      report: { customer: 'ACME Corp, ticket 4711', observed: 'Three buyers did not receive their order confirmation' },
      allowedTransitions: ['investigating', 'declined', 'merged'],
    });
    const queue = await listIncidents(t, responder, { limit: 50, status: ['triage'], team: 'mine' });
    expect(queue.items.map((i) => i.id)).toEqual([incident.id]);
  });

  it('accepts a report as an incident with a severity and the acceptor as commander', async () => {
    const { incident, responder } = await report();
    await t.clock.advance(60_000);
    const accepted = await acceptTriage(t, responder, incident.number, { severity: 'sev3' });
    expect(accepted).toMatchObject({
      status: 'investigating',
      severity: { key: 'sev3' },
      commander: { id: responder.userId },
      declaredAt: new Date(t.clock.now()).toISOString(),
      acknowledgedAt: new Date(t.clock.now()).toISOString(),
      nextUpdateDueAt: new Date(t.clock.now() + 240 * 60_000).toISOString(),
    });
    expect(accepted.channelName).toMatch(/^inc-\d{4}-\d{2}-\d{2}-buyers-get-no-confirmation-email$/);
    expect(await timelineKinds(t, incident.id)).toEqual(['reported', 'role_assigned', 'status_changed']);
    await expect(acceptTriage(t, responder, incident.id, { severity: 'sev3' })).rejects.toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
  });

  it('declines a report with a reason', async () => {
    const { incident, responder } = await report();
    const declined = await declineTriage(t, responder, incident.id, { reason: 'Emails were in the spam folder' });
    expect(declined).toMatchObject({
      status: 'declined',
      declinedReason: 'Emails were in the spam folder',
      allowedTransitions: [],
    });
    expect(declined.timeline.items[0]).toMatchObject({ kind: 'status_changed', before: 'triage', after: 'declined' });
    await expect(changeStatus(t, responder, incident.id, { status: 'declined' })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('merges a report into an open incident: services, reporter and report travel along', async () => {
    const { as } = await person(t);
    const target = await declare(t, as, { title: 'Email delivery delayed' });
    const { incident, support, responder } = await report();
    const merged = await mergeIncident(t, responder, incident.id, { into: target.number, reason: 'Same mail outage' });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: target.id, number: target.number } });
    const targetAfter = await listIncidents(t, as, { limit: 50, service: service.id });
    expect(targetAfter.items.map((i) => i.id)).toContain(target.id);
    expect(await timelineKinds(t, target.id)).toEqual(['declared', 'merged_in']);
    expect((await listSubscribers(t, target.id)).map((s) => s.person.id)).toEqual([support.userId]);
  });

  it('refuses to merge into a resolved incident', async () => {
    const { as } = await person(t);
    const target = await declare(t, as);
    await changeStatus(t, as, target.id, { status: 'resolved' });
    const { incident, responder } = await report();
    await expect(mergeIncident(t, responder, incident.id, { into: target.id })).rejects.toMatchObject({
      status: 409,
      code: 'merge_target_not_open',
    });
  });
});
