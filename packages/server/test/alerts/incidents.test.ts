import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, trigger, type World } from './helpers.js';

describeEachDialect('alerts: noise feedback, promotion to incidents', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('marks alerts useful or noisy, one and in bulk, and shows the noise ratio and pages per week', async () => {
    const integration = await w.integration({ name: 'noisy', kind: 'events_api', groupWindowSeconds: 0 });
    for (const key of ['a', 'b', 'c', 'd']) await w.post('/v2/enqueue', trigger(integration.routingKey, key));
    await w.run();
    const ids = (await alertsOf(w, integration.id)).map((a) => a.id);
    const one = await w.call('POST', `/api/v1/alerts/${ids[0]}/feedback`, { verdict: 'useful' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().noise).toBe('useful');
    const bulk = await w.call('POST', '/api/v1/alerts/feedback', { ids: ids.slice(1), verdict: 'noisy' });
    expect(bulk.json()).toEqual({ changed: ids.slice(1), unchanged: [] });
    const view = (await w.call('GET', `/api/v1/integrations/${integration.id}`)).json();
    expect(view.stats).toEqual({ alerts: 4, useful: 1, noisy: 3, noiseRatio: 0.75, pagesPerWeek: 1 });
    const missing = await w.call('POST', '/api/v1/alerts/feedback', { ids: ['nope'], verdict: 'noisy' });
    expect(missing.statusCode).toBe(404);
  });

  it('promotes a group to an incident, linked both ways', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'promote', kind: 'events_api' });
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'checkout-5xx', { summary: 'Checkout 5xx above 5%' }));
    const [group] = await groupsOf(w, serviceId);
    const res = await w.call('POST', `/api/v1/alert-groups/${group!.id}/promote`, { severity: 'sev2' });
    expect(res.statusCode, res.body).toBe(201);
    const { incidentId, incidentNumber, group: after } = res.json();
    expect(incidentNumber).toMatch(/^INC-\d+$/);
    expect(after.incidentId).toBe(incidentId);
    const incident = (await w.call('GET', `/api/v1/incidents/${incidentId}`)).json();
    expect(incident).toMatchObject({ title: 'Checkout 5xx above 5%', source: 'alert' });
    expect(incident.services.map((s: { id: string }) => s.id)).toEqual([serviceId]);
    const entries = await w.t.db
      .selectFrom('timeline_entries')
      .select(['kind', 'text'])
      .where('incident_id', '=', incidentId)
      .execute();
    expect(entries.some((e) => e.kind === 'note' && e.text.includes(`/alerts/groups/${group!.id}`))).toBe(true);
    const linked = (await w.call('GET', `/api/v1/alert-groups?incidentId=${incidentId}`)).json();
    expect(linked.items.map((g: { id: string }) => g.id)).toEqual([group!.id]);
    const twice = await w.call('POST', `/api/v1/alert-groups/${group!.id}/promote`, { severity: 'sev2' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'alert_group_already_promoted', incidentId });
  });

  it('declares an incident automatically when an integration rule’s severity is reached', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({
      serviceId,
      name: 'auto',
      kind: 'events_api',
      groupWindowSeconds: 0,
      autoIncident: { minSeverity: 'critical', incidentSeverity: 'sev1' },
    });
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'warn', { severity: 'warning' }));
    await w.post(
      '/v2/enqueue',
      trigger(integration.routingKey, 'crit', { severity: 'critical', summary: 'Payments down' }),
    );
    await w.run();
    const groups = await groupsOf(w, serviceId);
    expect(groups.map((g) => g.incident_id === null)).toEqual([true, false]);
    const incident = (await w.call('GET', `/api/v1/incidents/${groups[1]!.incident_id}`)).json();
    expect(incident).toMatchObject({ title: 'auto: Payments down', source: 'alert', severity: { key: 'sev1' } });
    expect(incident.commander?.id).toBe(w.admin.id);
    const rejected = await w.call('POST', '/api/v1/integrations', {
      serviceId,
      name: 'bad rule',
      kind: 'events_api',
      autoIncident: { minSeverity: 'error', incidentSeverity: 'sev99' },
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().detail).toContain('no incident severity "sev99"');
  });
});
