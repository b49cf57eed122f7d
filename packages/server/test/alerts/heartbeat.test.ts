import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, pagesOf, type World } from './helpers.js';

describeEachDialect('alerts: heartbeats', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('raises an alert when a ping is missed (a durable job) and resolves it on the next ping', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({
      serviceId,
      name: 'nightly backup',
      kind: 'heartbeat',
      heartbeatMinutes: 5,
    });
    const path = new URL(integration.url).pathname;
    expect(path).toBe(`/integrations/heartbeat/${integration.routingKey}`);
    const ping = await w.app.inject({ method: 'GET', url: path });
    expect(ping.statusCode).toBe(200);
    expect(ping.json().status).toBe('ok');
    await w.advance(4 * 60);
    expect((await w.app.inject({ method: 'POST', url: path })).statusCode).toBe(200);
    await w.advance(4 * 60);
    expect(await alertsOf(w, integration.id)).toHaveLength(0); // 8 minutes since the first ping, 4 since the last
    await w.advance(61);
    const [alert] = await alertsOf(w, integration.id);
    expect(alert).toMatchObject({
      status: 'triggered',
      severity: 'critical',
      dedup_key: 'heartbeat-missed',
      format: 'heartbeat',
    });
    expect(alert!.summary).toBe('Heartbeat “nightly backup” missed: no ping for 5 minutes');
    expect(await pagesOf(w, serviceId)).toHaveLength(1);
    await w.advance(30 * 60);
    expect(await alertsOf(w, integration.id)).toHaveLength(1); // one alert per miss, not one per check
    const view = (await w.call('GET', `/api/v1/integrations/${integration.id}`)).json();
    expect(view.heartbeat).toMatchObject({ intervalMinutes: 5, state: 'missed' });

    await w.app.inject({ method: 'GET', url: path });
    await w.run();
    expect((await alertsOf(w, integration.id))[0]!.status).toBe('resolved');
    expect((await pagesOf(w, serviceId))[0]!.status).toBe('resolved');
    const unknown = await w.app.inject({ method: 'GET', url: '/integrations/heartbeat/nope' });
    expect(unknown.statusCode).toBe(404);
  });
});
