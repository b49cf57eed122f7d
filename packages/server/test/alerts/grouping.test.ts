import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, pagesOf, trigger, type World } from './helpers.js';

describeEachDialect('alerts: grouping, suppression, maintenance, flapping', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('turns a storm of 5,000 alerts into one group and one page', { timeout: 120_000 }, async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'storm', kind: 'events_api' });
    const statuses: number[] = [];
    for (let start = 0; start < 5000; start += 500) {
      const wave = Array.from({ length: 500 }, (_, i) =>
        w.post('/v2/enqueue', trigger(integration.routingKey, `host-${start + i}`, { source: `host-${start + i}` })),
      );
      statuses.push(...(await Promise.all(wave)).map((r) => r.statusCode));
    }
    expect(statuses.every((s) => s === 202)).toBe(true);
    await w.run();
    const groups = await groupsOf(w, serviceId);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ alert_count: 5000, open_count: 5000, notify_state: 'paged' });
    const pages = await pagesOf(w, serviceId);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.summary).toContain('(+4999 more)');
  });

  it('starts a new group once the window has passed, and groups by fields when told to', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'window', kind: 'events_api', groupWindowSeconds: 60 });
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'a'));
    await w.t.clock.advance(50_000);
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'b')); // within 60 s of the last alert
    await w.t.clock.advance(61_000);
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'c')); // the window passed
    expect((await groupsOf(w, serviceId)).map((g) => g.alert_count)).toEqual([2, 1]);

    const byHost = await w.integration({ name: 'by source', kind: 'events_api', groupBy: ['source'] });
    await w.post('/v2/enqueue', trigger(byHost.routingKey, 'x1', { source: 'db-1' }));
    await w.post('/v2/enqueue', trigger(byHost.routingKey, 'x2', { source: 'db-2' }));
    await w.post('/v2/enqueue', trigger(byHost.routingKey, 'x3', { source: 'db-1' }));
    const alerts = await alertsOf(w, byHost.id);
    expect(alerts[0]!.group_id).toBe(alerts[2]!.group_id);
    expect(alerts[0]!.group_id).not.toBe(alerts[1]!.group_id);
  });

  it('pages nobody for an alert that resolves within the grace period, and records it', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'grace', kind: 'events_api', graceSeconds: 120 });
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'blip'));
    await w.advance(60);
    await w.post('/v2/enqueue', { routing_key: integration.routingKey, event_action: 'resolve', dedup_key: 'blip' });
    await w.advance(120);
    expect(await pagesOf(w, serviceId)).toHaveLength(0);
    const [group] = await groupsOf(w, serviceId);
    expect(group).toMatchObject({ status: 'resolved', notify_state: 'transient' });
    expect(group!.notify_note).toBe('Resolved 60 s after it opened, within the 120 s grace period: nobody was paged.');

    // Still open when the grace period ends: it pages, with the urgency of its severity.
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'real', { severity: 'warning' }));
    await w.advance(119);
    expect(await pagesOf(w, serviceId)).toHaveLength(0);
    await w.advance(1);
    const pages = await pagesOf(w, serviceId);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.urgency).toBe('low');
  });

  it('records alerts of a service in maintenance without paging, and pages again after the window', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({
      serviceId,
      name: 'maintenance',
      kind: 'events_api',
      groupWindowSeconds: 0,
    });
    const opened = await w.call('POST', '/api/v1/maintenance-windows', {
      serviceId,
      durationMinutes: 30,
      reason: 'DB upgrade',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ active: true, reason: 'DB upgrade', origin: 'manual' });
    const { isServiceInMaintenance } = await import('../../src/domains/alerts/index.js');
    expect(await isServiceInMaintenance(w.t, serviceId, w.t.clock.now())).toBe(true);

    await w.post('/v2/enqueue', trigger(integration.routingKey, 'during'));
    await w.run();
    expect(await pagesOf(w, serviceId)).toHaveLength(0);
    const alert = (await w.call('GET', `/api/v1/alerts?integrationId=${integration.id}`)).json().items[0];
    expect(alert.inMaintenance).toBe(true);
    const group = (await w.call('GET', `/api/v1/alert-groups/${alert.groupId}`)).json();
    expect(group).toMatchObject({
      notifyState: 'maintenance',
      notifyNote: 'The service was in maintenance: recorded, nobody was paged.',
    });

    const ended = await w.call('POST', `/api/v1/maintenance-windows/${opened.json().id}/end`);
    expect(ended.json().active).toBe(false);
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'after'));
    await w.run();
    expect(await pagesOf(w, serviceId)).toHaveLength(1);
  });

  it('marks an alert that flips too often as flapping: it pages once and holds its group open', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({
      serviceId,
      name: 'flappy',
      kind: 'events_api',
      flapFlips: 3,
      flapWindowMinutes: 30,
    });
    const flip = async (action: 'trigger' | 'resolve', n: number) => {
      const body =
        action === 'trigger'
          ? trigger(integration.routingKey, 'link', { custom_details: { n } })
          : {
              routing_key: integration.routingKey,
              event_action: 'resolve',
              dedup_key: 'link',
              payload: { summary: `ok ${n}`, source: 'x', severity: 'info' },
            };
      expect((await w.post('/v2/enqueue', body)).statusCode).toBe(202);
      await w.advance(30);
    };
    await flip('trigger', 0);
    await flip('resolve', 1);
    await flip('trigger', 2);
    await flip('resolve', 3);
    await flip('trigger', 4); // the fourth change in 30 minutes: flapping
    const [alert] = await alertsOf(w, integration.id);
    expect(alert).toMatchObject({ flapping: 1, status: 'triggered' });
    const pagesWhenMarked = (await pagesOf(w, serviceId)).length;
    expect(pagesWhenMarked).toBe(3);
    for (let n = 5; n <= 15; n++) await flip(n % 2 ? 'resolve' : 'trigger', n);
    expect(await alertsOf(w, integration.id)).toHaveLength(1);
    expect(await pagesOf(w, serviceId)).toHaveLength(pagesWhenMarked);
    const last = (await groupsOf(w, serviceId)).at(-1)!;
    expect(last.status).toBe('triggered'); // held open although the alert is resolved now
    await w.advance(29 * 60);
    expect((await groupsOf(w, serviceId)).at(-1)!.status).toBe('triggered'); // quiet for less than the window
    await w.advance(2 * 60);
    expect((await groupsOf(w, serviceId)).at(-1)!.status).toBe('resolved');
    expect((await pagesOf(w, serviceId)).every((p) => p.status === 'resolved')).toBe(true);
  });
});
