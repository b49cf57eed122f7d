import { afterAll, beforeAll, expect, it } from 'vitest';
import { isServiceUnderStatusMaintenance } from '../../src/domains/statuspage/index.js';
import { buildService } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { component, drainJobs, type Setup, setup } from './helpers.js';

const HOUR = 3_600_000;

describeEachDialect('status page: scheduled maintenance', (dialect) => {
  let s: Setup;

  beforeAll(async () => {
    s = await setup(dialect);
  });
  afterAll(() => s.close());

  const status = async (componentId: string) =>
    (await s.app.inject({ method: 'GET', url: '/api/v2/components.json' }))
      .json()
      .components.find((c: { id: string }) => c.id === componentId).status;

  it('starts and completes on time by itself, silencing its services only while it runs', async () => {
    const database = await buildService(s.t, { name: 'Primary database' });
    const behindComponent = await buildService(s.t, { name: 'Search backend' });
    const unrelated = await buildService(s.t, { name: 'Billing' });
    const site = await component(s, { name: 'Website' });
    const searchBox = await component(s, { name: 'Search', serviceIds: [behindComponent.id] });
    const now = s.t.clock.now();
    const res = await s.api('POST', '/api/v1/status/maintenance', {
      name: 'Database upgrade',
      body: 'The site may be slow.',
      scheduledFor: new Date(now + 2 * HOUR).toISOString(),
      scheduledUntil: new Date(now + 3 * HOUR).toISOString(),
      componentIds: [site.id, searchBox.id],
      serviceIds: [database.id],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    let upcoming = (await s.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json' })).json();
    expect(upcoming.scheduled_maintenances).toHaveLength(1);
    expect(upcoming.scheduled_maintenances[0]).toMatchObject({ id, status: 'scheduled', impact: 'maintenance' });
    expect((await s.app.inject({ method: 'GET', url: '/status' })).body).toContain('Upcoming maintenance');
    expect(await isServiceUnderStatusMaintenance(s.t, database.id, s.t.clock.now())).toBe(false);

    await s.t.clock.advance(2 * HOUR);
    await drainJobs(s.t);
    expect(await status(site.id)).toBe('under_maintenance');
    const active = (await s.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/active.json' })).json();
    expect(active.scheduled_maintenances[0]).toMatchObject({ id, status: 'in_progress' });
    const summary = (await s.app.inject({ method: 'GET', url: '/api/v2/status.json' })).json();
    expect(summary.status).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect((await s.app.inject({ method: 'GET', url: '/status' })).body).toContain('Maintenance in progress');
    const at = s.t.clock.now();
    expect(await isServiceUnderStatusMaintenance(s.t, database.id, at)).toBe(true);
    expect(await isServiceUnderStatusMaintenance(s.t, behindComponent.id, at)).toBe(true);
    expect(await isServiceUnderStatusMaintenance(s.t, unrelated.id, at)).toBe(false);

    await s.t.clock.advance(HOUR);
    await drainJobs(s.t);
    expect(await status(site.id)).toBe('operational');
    expect(await isServiceUnderStatusMaintenance(s.t, database.id, s.t.clock.now())).toBe(false);
    upcoming = (await s.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances.json' })).json();
    expect(upcoming.scheduled_maintenances[0].status).toBe('completed');
    const updates = upcoming.scheduled_maintenances[0].incident_updates.map((u: { status: string }) => u.status);
    expect(updates).toEqual(['completed', 'in_progress', 'scheduled']);
    // Each step was queued for subscribers.
    const fanouts = await s.t.db
      .selectFrom('status_incident_updates')
      .select('id')
      .where('status_incident_id', '=', id)
      .execute();
    expect(fanouts).toHaveLength(3);
  });

  it('counts a window whose start job has not run yet, and never a cancelled one', async () => {
    const service = await buildService(s.t, { name: 'Queue' });
    const now = s.t.clock.now();
    const res = await s.api('POST', '/api/v1/status/maintenance', {
      name: 'Queue move',
      body: 'Moving the queue.',
      scheduledFor: new Date(now + HOUR).toISOString(),
      scheduledUntil: new Date(now + 2 * HOUR).toISOString(),
      serviceIds: [service.id],
    });
    expect(await isServiceUnderStatusMaintenance(s.t, service.id, now + 90 * 60_000)).toBe(true);
    const cancelled = await s.api('POST', `/api/v1/status/maintenance/${res.json().id}/updates`, {
      status: 'cancelled',
      body: 'Not needed after all.',
    });
    expect(cancelled.statusCode).toBe(201);
    expect(await isServiceUnderStatusMaintenance(s.t, service.id, now + 90 * 60_000)).toBe(false);
    await s.t.clock.advance(2 * HOUR);
    await drainJobs(s.t);
    const after = (await s.api('GET', `/api/v1/status/incidents/${res.json().id}`)).json();
    expect(after.status).toBe('cancelled');
  });

  it('refuses a window that ends before it starts', async () => {
    const now = s.t.clock.now();
    const res = await s.api('POST', '/api/v1/status/maintenance', {
      name: 'Backwards',
      body: 'x',
      scheduledFor: new Date(now + 2 * HOUR).toISOString(),
      scheduledUntil: new Date(now + HOUR).toISOString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('scheduledUntil');
  });
});
