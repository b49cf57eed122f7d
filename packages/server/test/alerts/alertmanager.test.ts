import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestQueueFor } from '../../src/domains/alerts/index.js';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, pagesOf, type World } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../../shared/fixtures/alertmanager/${name}`, import.meta.url), 'utf8'));

/** An Alertmanager notification of `n` firing alerts in one group. */
function notification(n: number, groupKey = '{}:{alertname="DiskFull"}', status: 'firing' | 'resolved' = 'firing') {
  return {
    receiver: 'oncall',
    status,
    alerts: Array.from({ length: n }, (_, i) => ({
      status,
      labels: { alertname: 'DiskFull', instance: `db-${i}`, severity: 'warning' },
      annotations: { summary: `Disk 95% full on db-${i}` },
      startsAt: '2026-01-05T08:59:00Z',
      endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-01-05T09:10:00Z',
      generatorURL: 'http://prometheus.local/graph',
      fingerprint: `fp${i.toString(16).padStart(14, '0')}`,
    })),
    groupLabels: { alertname: 'DiskFull' },
    commonLabels: { alertname: 'DiskFull', severity: 'warning' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.local',
    version: '4',
    groupKey,
    truncatedAlerts: 0,
  };
}

describeEachDialect('alerts: Alertmanager and Grafana webhooks', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('keeps labels and annotations, dedups by fingerprint, groups by groupKey and resolves', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'Prometheus', kind: 'alertmanager' });
    expect(integration.url).toBe(`${w.t.config.publicUrl}/integrations/alertmanager/${integration.routingKey}`);
    const url = new URL(integration.url).pathname;

    const firing = await w.post(url, fixture('webhook-firing.json'));
    expect(firing.statusCode).toBe(202);
    expect(firing.json()).toMatchObject({ status: 'success', alerts: 1 });
    const [alert] = await alertsOf(w, integration.id);
    expect(alert).toMatchObject({
      dedup_key: '7d2d332feada5c59',
      status: 'triggered',
      severity: 'critical',
      summary: 'HighErrorRate: 5xx rate above 5% for 5m',
      format: 'alertmanager',
    });
    expect(JSON.parse(alert!.labels!)).toEqual({
      alertname: 'HighErrorRate',
      service: 'checkout',
      severity: 'critical',
    });
    expect(JSON.parse(alert!.annotations!)).toMatchObject({ runbook_url: 'http://runbooks.local/checkout' });
    expect(JSON.parse(alert!.links)).toEqual([{ href: 'http://prometheus.local/graph?g0.expr=rate', text: 'Source' }]);
    const [group] = await groupsOf(w, serviceId);
    expect(group!.group_key).toBe('alertmanager:{}:{alertname="HighErrorRate", service="checkout"}');

    await w.run();
    expect(await pagesOf(w, serviceId)).toHaveLength(1);
    expect((await w.post(url, fixture('webhook-resolved.json'))).statusCode).toBe(202);
    await w.run();
    expect((await alertsOf(w, integration.id))[0]!.status).toBe('resolved');
    expect((await groupsOf(w, serviceId))[0]!.status).toBe('resolved');
    expect((await pagesOf(w, serviceId))[0]!.status).toBe('resolved');
  });

  it('takes a notification of many alerts in one commit, and a re-sent notification creates nothing new', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'many', kind: 'alertmanager' });
    const url = new URL(integration.url).pathname;
    const queue = ingestQueueFor(w.t);
    const before = queue.stats.batches;
    expect((await w.post(url, notification(200))).statusCode).toBe(202);
    expect(queue.stats.batches - before).toBe(1);
    const alerts = await alertsOf(w, integration.id);
    expect(alerts).toHaveLength(200);
    expect(new Set(alerts.map((a) => a.group_id)).size).toBe(1);
    expect((await groupsOf(w, serviceId))[0]).toMatchObject({ alert_count: 200, open_count: 200, severity: 'warning' });

    // Alertmanager repeats the notification every repeat_interval: nothing new.
    expect((await w.post(url, notification(200))).statusCode).toBe(202);
    const again = await alertsOf(w, integration.id);
    expect(again).toHaveLength(200);
    expect(again.every((a) => a.event_count === 1)).toBe(true);
    const events = await w.t.db
      .selectFrom('alert_events')
      .select('id')
      .where(
        'alert_id',
        'in',
        again.map((a) => a.id),
      )
      .execute();
    expect(events).toHaveLength(200);

    // A notification with one bad alert is refused whole: nothing of it is stored.
    const bad = notification(3, '{}:{alertname="Other"}');
    (bad.alerts[2] as { status: string }).status = 'burning';
    const refused = await w.post(url, bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'invalid_event' });
    expect(refused.json().detail).toContain(`'alerts[2].status' must be "firing" or "resolved"`);
    expect(await alertsOf(w, integration.id)).toHaveLength(200);

    await w.run();
    expect(await pagesOf(w, serviceId)).toHaveLength(1);
    expect((await pagesOf(w, serviceId))[0]!.urgency).toBe('low'); // warning → low
  });

  it('keeps different Alertmanager groups apart, and the same group together across notifications', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'groups', kind: 'alertmanager' });
    const url = new URL(integration.url).pathname;
    await w.post(url, notification(2, '{}:{alertname="A"}'));
    const second = notification(3, '{}:{alertname="A"}');
    await w.post(url, second); // the same group, now with a third alert
    const other = notification(1, '{}:{alertname="B"}');
    other.alerts[0]!.fingerprint = 'ffffffffffffffff';
    await w.post(url, other);
    const groups = await groupsOf(w, serviceId);
    expect(groups.map((g) => [g.group_key, g.alert_count])).toEqual([
      ['alertmanager:{}:{alertname="A"}', 3],
      ['alertmanager:{}:{alertname="B"}', 1],
    ]);
  });

  it('accepts Grafana’s webhook (version 1, extra fields)', async () => {
    const integration = await w.integration({ name: 'Grafana', kind: 'alertmanager' });
    const url = new URL(integration.url).pathname;
    const res = await w.post(url, {
      receiver: 'firebreak',
      status: 'firing',
      orgId: 1,
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'CPU high', grafana_folder: 'Infra', severity: 'critical' },
          annotations: { description: 'CPU above 90% for 10m' },
          startsAt: '2026-01-05T08:58:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://grafana.local/alerting/grafana/abc/view',
          fingerprint: 'a1b2c3d4e5f60718',
          silenceURL: 'http://grafana.local/alerting/silence/new',
          dashboardURL: 'http://grafana.local/d/xyz',
          panelURL: 'http://grafana.local/d/xyz?viewPanel=2',
          values: { B: 93.2 },
          valueString: '[ var=B value=93.2 ]',
        },
      ],
      groupLabels: { alertname: 'CPU high' },
      commonLabels: { alertname: 'CPU high' },
      commonAnnotations: {},
      externalURL: 'http://grafana.local/',
      version: '1',
      groupKey: '{}/{}:{alertname="CPU high"}',
      truncatedAlerts: 0,
      title: '[FIRING:1] CPU high',
      state: 'alerting',
      message: '**Firing**',
    });
    expect(res.statusCode).toBe(202);
    const [alert] = await alertsOf(w, integration.id);
    expect(alert).toMatchObject({
      format: 'grafana',
      client: 'Grafana',
      severity: 'critical',
      summary: 'CPU high: CPU above 90% for 10m',
    });
    expect(JSON.parse(alert!.links).map((l: { text: string }) => l.text)).toEqual([
      'Source',
      'Dashboard',
      'Panel',
      'Silence',
    ]);
    expect(JSON.parse(alert!.details!)).toMatchObject({ values: { B: 93.2 } });
  });

  it('answers a bad key or body with a clear 4xx problem', async () => {
    const unknown = await w.post('/integrations/alertmanager/0123456789abcdef0123456789abcdef', notification(1));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'unknown_integration_key' });
    const integration = await w.integration({ name: 'bad body', kind: 'alertmanager' });
    const url = new URL(integration.url).pathname;
    const malformed = await w.post(url, '{"alerts": [');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toContain('not valid JSON');
    const noAlerts = await w.post(url, { version: '4' });
    expect(noAlerts.statusCode).toBe(400);
    expect(noAlerts.json().errors).toEqual([{ field: 'alerts', message: "'alerts' is missing" }]);
  });
});
