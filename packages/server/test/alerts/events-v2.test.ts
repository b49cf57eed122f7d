import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, pagesOf, trigger, type World } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../../shared/fixtures/alertmanager/${name}`, import.meta.url), 'utf8'));

describeEachDialect('alerts: PagerDuty Events API v2', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('takes Alertmanager’s pagerduty_configs events: 202 as PagerDuty answers, one alert, resolved by its resolve', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'AM via PagerDuty', kind: 'events_api' });
    expect(integration.routingKey).toMatch(/^[0-9a-f]{32}$/);
    expect(integration.url).toBe(`${w.t.config.publicUrl}/v2/enqueue`);

    const body = { ...fixture('pagerduty-v2-trigger.json'), routing_key: integration.routingKey };
    const res = await w.post('/v2/enqueue', body);
    expect(res.statusCode).toBe(202);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: body.dedup_key });

    const [alert] = await alertsOf(w, integration.id);
    expect(alert).toMatchObject({
      dedup_key: body.dedup_key,
      status: 'triggered',
      severity: 'error',
      summary: '[FIRING:1] HighErrorRate checkout (critical)',
      source: 'Alertmanager',
      client: 'Alertmanager',
      event_count: 1,
    });
    await w.run();
    const [group] = await groupsOf(w, serviceId);
    expect(group).toMatchObject({ status: 'triggered', notify_state: 'paged', alert_count: 1 });
    const [page] = await pagesOf(w, serviceId);
    expect(page).toMatchObject({ status: 'triggered', urgency: 'high', source: 'alert' });

    const resolved = await w.post('/v2/enqueue', {
      ...fixture('pagerduty-v2-resolve.json'),
      routing_key: integration.routingKey,
    });
    expect(resolved.statusCode).toBe(202);
    await w.run();
    expect((await alertsOf(w, integration.id))[0]).toMatchObject({ status: 'resolved', event_count: 2 });
    expect((await groupsOf(w, serviceId))[0]).toMatchObject({ status: 'resolved', open_count: 0 });
    expect((await pagesOf(w, serviceId))[0]).toMatchObject({ status: 'resolved' });
  });

  it('dedups: a repeated trigger adds an event and a count; an identical retry adds nothing', async () => {
    const integration = await w.integration({ name: 'dedup', kind: 'events_api' });
    const first = trigger(integration.routingKey, 'disk-1');
    expect((await w.post('/v2/enqueue', first)).statusCode).toBe(202);
    expect((await w.post('/v2/enqueue', first)).statusCode).toBe(202); // a retry
    const again = trigger(integration.routingKey, 'disk-1', { custom_details: { free: '1%' } });
    expect((await w.post('/v2/enqueue', again)).statusCode).toBe(202);
    const alerts = await alertsOf(w, integration.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ event_count: 2, details: JSON.stringify({ free: '1%' }) });
    const events = await w.t.db
      .selectFrom('alert_events')
      .select('action')
      .where('alert_id', '=', alerts[0]!.id)
      .execute();
    expect(events).toHaveLength(2);
  });

  it('acknowledge acknowledges the alert, its group and its page', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'ack', kind: 'events_api' });
    await w.post('/v2/enqueue', trigger(integration.routingKey, 'cpu'));
    await w.run();
    const ack = await w.post('/v2/enqueue', {
      routing_key: integration.routingKey,
      event_action: 'acknowledge',
      dedup_key: 'cpu',
    });
    expect(ack.statusCode).toBe(202);
    await w.run();
    expect((await alertsOf(w, integration.id))[0]!.status).toBe('acknowledged');
    expect((await groupsOf(w, serviceId))[0]!.status).toBe('acknowledged');
    expect((await pagesOf(w, serviceId))[0]!.status).toBe('acknowledged');
    // An acknowledge or resolve of a key nobody knows is accepted and dropped, as PagerDuty does.
    const stray = await w.post('/v2/enqueue', {
      routing_key: integration.routingKey,
      event_action: 'resolve',
      dedup_key: 'nope',
    });
    expect(stray.statusCode).toBe(202);
    expect(await alertsOf(w, integration.id)).toHaveLength(1);
  });

  it('generates a dedup key when a trigger has none, and answers it', async () => {
    const integration = await w.integration({ name: 'no key', kind: 'events_api' });
    const res = await w.post('/v2/enqueue', trigger(integration.routingKey, undefined));
    expect(res.statusCode).toBe(202);
    const key = res.json().dedup_key as string;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect((await alertsOf(w, integration.id))[0]!.dedup_key).toBe(key);
  });

  it('answers bad events with 400 in PagerDuty’s shape, naming what is wrong', async () => {
    const integration = await w.integration({ name: 'bad', kind: 'events_api' });
    const key = integration.routingKey;
    const cases: [unknown, string][] = [
      [
        { routing_key: key, event_action: 'trigger', payload: { source: 'x', severity: 'info' } },
        "'payload.summary' is missing or blank",
      ],
      [
        { routing_key: key, event_action: 'trigger', payload: { summary: 'x', severity: 'info' } },
        "'payload.source' is missing or blank",
      ],
      [
        { routing_key: key, event_action: 'trigger', payload: { summary: 'x', source: 'y' } },
        "'payload.severity' is missing or blank",
      ],
      [
        { routing_key: key, event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'high' } },
        "'payload.severity' must be one of",
      ],
      [
        { routing_key: key, event_action: 'explode', dedup_key: 'a' },
        "'event_action' must be one of trigger, acknowledge, resolve",
      ],
      [{ routing_key: key, event_action: 'resolve' }, "'dedup_key' is required for resolve events"],
      [
        { routing_key: 'short', event_action: 'trigger', payload: {} },
        "Length of 'routing_key' is incorrect (should be 32 characters)",
      ],
      [
        { routing_key: key, event_action: 'trigger', payload: { summary: 5, source: 'y', severity: 'info' } },
        "'payload.summary' must be a string",
      ],
      [
        {
          routing_key: key,
          event_action: 'trigger',
          payload: { summary: 'x', source: 'y', severity: 'info', timestamp: 'yesterday' },
        },
        "'payload.timestamp' is not an ISO 8601 timestamp",
      ],
      [[1, 2], 'the event must be a JSON object, not an array'],
      ['{"routing_key": ', 'The request body is not valid JSON'],
      ['', 'The request body is empty'],
      [
        {
          routing_key: '0'.repeat(32),
          event_action: 'trigger',
          payload: { summary: 'x', source: 'y', severity: 'info' },
        },
        "'routing_key' does not match any integration",
      ],
    ];
    for (const [body, message] of cases) {
      const res = await w.post('/v2/enqueue', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const answer = res.json();
      expect(answer.status).toBe('invalid event');
      expect(answer.message).toBe('Event object is invalid');
      expect(answer.errors.join('\n'), JSON.stringify(body)).toContain(message);
    }
    const random = await w.app.inject({
      method: 'POST',
      url: '/v2/enqueue',
      payload: Buffer.from([0xff, 0x00, 0x9c, 0x12]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(random.statusCode).toBe(400);
    const big = await w.post('/v2/enqueue', { ...trigger(key, 'big'), padding: 'x'.repeat(600 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ status: 'invalid event' });
    const noType = await w.app.inject({
      method: 'POST',
      url: '/v2/enqueue',
      payload: JSON.stringify(trigger(key, 'plain')),
    });
    expect(noType.statusCode).toBe(202);
    expect(await alertsOf(w, integration.id)).toHaveLength(1);
  });

  it('keeps images, links, client and timestamps', async () => {
    const integration = await w.integration({ name: 'rich', kind: 'events_api' });
    const res = await w.post('/v2/enqueue', {
      ...trigger(integration.routingKey, 'rich', {
        timestamp: '2015-07-17T08:42:58.315+0000',
        component: 'postgres',
        group: 'prod-datapipe',
        class: 'deploy',
      }),
      links: [{ href: 'https://example.com/', text: 'Link text' }],
      images: [{ src: 'https://example.com/a.png', alt: 'graph' }],
      client: 'Sample Monitoring Service',
      client_url: 'https://monitoring.example.com',
    });
    expect(res.statusCode).toBe(202);
    const alert = (await w.call('GET', `/api/v1/alerts?integrationId=${integration.id}`)).json().items[0];
    expect(alert).toMatchObject({
      component: 'postgres',
      group: 'prod-datapipe',
      class: 'deploy',
      occurredAt: '2015-07-17T08:42:58.315Z',
      links: [{ href: 'https://example.com/', text: 'Link text' }],
      images: [{ src: 'https://example.com/a.png', alt: 'graph' }],
      client: 'Sample Monitoring Service',
      clientUrl: 'https://monitoring.example.com',
    });
  });

  it('takes Events API v1 events and change events', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'v1', kind: 'events_api' });
    const v1 = await w.post('/generic/2010-04-15/create_event.json', {
      service_key: integration.routingKey,
      event_type: 'trigger',
      incident_key: 'srv01/HTTP',
      description: 'FAILURE for production/HTTP on machine srv01.acme.com',
      details: { ping: 'timeout' },
      contexts: [{ type: 'link', href: 'http://acme.pagerduty.com', text: 'View' }],
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toEqual({ status: 'success', message: 'Event processed', incident_key: 'srv01/HTTP' });
    const bad = await w.post('/generic/2010-04-15/create_event.json', {
      service_key: integration.routingKey,
      event_type: 'trigger',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContain("'description' is missing or blank");

    const change = await w.post('/v2/change/enqueue', {
      routing_key: integration.routingKey,
      payload: {
        summary: 'Build Success: increase timeout',
        source: 'ci',
        timestamp: '2026-01-05T08:59:00Z',
        custom_details: { build: 2 },
      },
      links: [{ href: 'https://ci/build/2', text: 'Build' }],
    });
    expect(change.statusCode).toBe(202);
    expect(change.json()).toEqual({ status: 'success', message: 'Change event processed' });
    const listed = (await w.call('GET', `/api/v1/change-events?serviceId=${serviceId}`)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      summary: 'Build Success: increase timeout',
      source: 'ci',
      details: { build: 2 },
      occurredAt: '2026-01-05T08:59:00.000Z',
    });

    const declared = await w.call('POST', '/api/v1/incidents', {
      title: 'Checkout slow',
      severity: 'sev2',
      serviceIds: [serviceId],
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const onIncident = (await w.call('GET', `/api/v1/change-events?incidentId=${declared.json().incident.id}`)).json();
    expect(onIncident.items.map((c: { summary: string }) => c.summary)).toEqual(['Build Success: increase timeout']);
  });
});

describeEachDialect('alerts: the PagerDuty endpoints’ fast path', (dialect) => {
  let w: World;
  let base: string;
  beforeAll(async () => {
    w = await createWorld(dialect);
    base = await w.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => w.close());

  it('answers over real HTTP, without Fastify, exactly what the routes answer', async () => {
    const integration = await w.integration({ name: 'fast', kind: 'events_api' });
    const key = integration.routingKey;
    const cases: [string, string][] = [
      ['/v2/enqueue', JSON.stringify(trigger(key, 'fast-1'))],
      ['/v2/enqueue', JSON.stringify(trigger(key, 'fast-2', { severity: 'loud' }))],
      ['/v2/enqueue', JSON.stringify(trigger('0'.repeat(32), 'fast-3'))],
      ['/v2/enqueue', '{"routing_key": '],
      ['/v2/enqueue', ''],
      ['/v2/enqueue', JSON.stringify({ ...trigger(key, 'big'), padding: 'x'.repeat(600 * 1024) })],
      ['/v2/change/enqueue', JSON.stringify({ routing_key: key, payload: { summary: 'deploy 42' } })],
      [
        '/generic/2010-04-15/create_event.json',
        JSON.stringify({ service_key: key, event_type: 'trigger', incident_key: 'v1', description: 'disk full' }),
      ],
    ];
    for (const [url, body] of cases) {
      const viaHttp = await fetch(`${base}${url}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
      const viaRoute = await w.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'text/plain' },
      });
      // The routes' onSend hook sets x-request-id; its absence shows Fastify never saw the request.
      expect(viaHttp.headers.get('x-request-id'), url).toBeNull();
      expect(viaRoute.headers['x-request-id']).toBeTruthy();
      expect(viaHttp.status, body.slice(0, 60)).toBe(viaRoute.statusCode);
      expect(viaHttp.headers.get('content-type')).toBe(viaRoute.headers['content-type']);
      expect(await viaHttp.text()).toBe(viaRoute.body);
    }
    // Each accepted trigger was stored once per request: the second post of each is a retry.
    const alerts = await alertsOf(w, integration.id);
    expect(alerts.map((a) => a.dedup_key).sort()).toEqual(['fast-1', 'v1']);
    const statuses = await Promise.all(
      cases.map(([url, body]) => fetch(`${base}${url}`, { method: 'POST', body }).then((r) => r.status)),
    );
    expect(statuses).toEqual([202, 400, 400, 400, 400, 413, 202, 200]);
  });

  it('leaves other methods, query strings and paths to Fastify', async () => {
    const get = await fetch(`${base}/v2/enqueue`);
    expect(get.status).toBe(404);
    expect(get.headers.get('x-request-id')).toBeTruthy();
    const integration = await w.integration({ name: 'query', kind: 'events_api' });
    const res = await fetch(`${base}/v2/enqueue?source=x`, {
      method: 'POST',
      body: JSON.stringify(trigger(integration.routingKey, 'q-1')),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
