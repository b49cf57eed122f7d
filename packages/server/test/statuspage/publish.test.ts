import { afterAll, beforeAll, expect, it } from 'vitest';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { updateIncident } from '../../src/domains/incidents/commands/update-incident.js';
import { describeEachDialect } from '../harness.js';
import { component, declare, HOSTILE, type Setup, setup, viewerOf } from './helpers.js';

describeEachDialect('status page: from incident to public', (dialect) => {
  let s: Setup;
  let checkout: { id: string };
  let search: { id: string };

  beforeAll(async () => {
    s = await setup(dialect);
    checkout = await component(s, { name: 'Checkout' });
    search = await component(s, { name: 'Search' });
  });
  afterAll(() => s.close());

  const publish = (incidentId: string, extra: Record<string, unknown> = {}) =>
    s.api(
      'POST',
      '/api/v1/status/incidents',
      { incidentId, name: 'Checkout problems', body: 'Some payments fail.', ...extra },
      s.responder,
    );
  const page = async () => (await s.app.inject({ method: 'GET', url: '/status' })).body;

  it('publishes a public update on the incident timeline, which resets the update cadence', async () => {
    const incident = await declare(s.t, s.responder);
    await s.t.clock.advance(20 * 60_000);
    const res = await publish(incident.id, { components: [{ componentId: checkout.id, status: 'major_outage' }] });
    expect(res.statusCode).toBe(201);
    const entries = await s.t.db
      .selectFrom('timeline_entries')
      .select(['kind', 'text'])
      .where('incident_id', '=', incident.id)
      .where('kind', '=', 'status_update')
      .execute();
    expect(entries).toEqual([{ kind: 'status_update', text: 'Public update: Some payments fail.' }]);
    const row = await s.t.db
      .selectFrom('incidents')
      .select('next_update_due_at')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    // Sev2 cadence is 30 minutes from this (public) update, not from the declaration.
    expect(row.next_update_due_at).toBe(s.t.clock.now() + 30 * 60_000);
    const update = await s.t.db
      .selectFrom('status_incident_updates')
      .select('incident_update_id')
      .executeTakeFirstOrThrow();
    expect(update.incident_update_id).not.toBeNull();
    expect((await publish(incident.id)).json().code).toBe('already_published');
  });

  it('needs explicit confirmation to resolve, then restores component status', async () => {
    const incident = await declare(s.t, s.responder, { title: 'Search down' });
    const published = (
      await publish(incident.id, { components: [{ componentId: search.id, status: 'partial_outage' }] })
    ).json();
    const refused = await s.api('POST', `/api/v1/status/incidents/${published.id}/resolve`, {}, s.responder);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'confirmation_required',
      componentChanges: [{ componentId: search.id, oldStatus: 'partial_outage', newStatus: 'operational' }],
    });
    const summary = (await s.app.inject({ method: 'GET', url: '/api/v2/components.json' })).json();
    expect(summary.components.find((c: { id: string }) => c.id === search.id).status).toBe('partial_outage');
    const resolved = await s.api(
      'POST',
      `/api/v1/status/incidents/${published.id}/resolve`,
      { confirm: true, body: 'Fixed.' },
      s.responder,
    );
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().status).toBe('resolved');
    const after = (await s.app.inject({ method: 'GET', url: '/api/v2/components.json' })).json();
    expect(after.components.find((c: { id: string }) => c.id === search.id).status).toBe('operational');
    // Checkout is still held at major outage by the first incident.
    expect(after.components.find((c: { id: string }) => c.id === checkout.id).status).toBe('major_outage');
  });

  it('keeps a component at the status another open incident holds it at', async () => {
    const a = (
      await publish((await declare(s.t, s.responder, { title: 'First one' })).id, {
        components: [{ componentId: search.id, status: 'major_outage' }],
      })
    ).json();
    const b = (
      await publish((await declare(s.t, s.responder, { title: 'Second one' })).id, {
        components: [{ componentId: search.id, status: 'degraded_performance' }],
      })
    ).json();
    await s.api('POST', `/api/v1/status/incidents/${a.id}/resolve`, { confirm: true }, s.responder);
    const after = (await s.app.inject({ method: 'GET', url: '/api/v2/components.json' })).json();
    expect(after.components.find((c: { id: string }) => c.id === search.id).status).toBe('degraded_performance');
    await s.api('POST', `/api/v1/status/incidents/${b.id}/resolve`, { confirm: true }, s.responder);
  });

  it('previews an update without writing it', async () => {
    const incident = await declare(s.t, s.responder, { title: 'Preview' });
    const published = (await publish(incident.id)).json();
    const res = await s.api(
      'POST',
      `/api/v1/status/incidents/${published.id}/updates/preview`,
      {
        body: `Fix <b>deployed</b>`,
        status: 'monitoring',
        components: [{ componentId: search.id, status: 'degraded_performance' }],
      },
      s.responder,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      html: '<p>Fix &lt;b&gt;deployed&lt;/b&gt;</p>',
      componentChanges: [{ componentId: search.id, oldStatus: 'operational', newStatus: 'degraded_performance' }],
      subscribers: 0,
    });
    expect(res.json().text).toContain('Monitoring');
    const updates = await s.t.db
      .selectFrom('status_incident_updates')
      .select('id')
      .where('status_incident_id', '=', published.id)
      .execute();
    expect(updates).toHaveLength(1);
    const posted = await s.api(
      'POST',
      `/api/v1/status/incidents/${published.id}/updates`,
      { body: 'Fix deployed', status: 'monitoring' },
      s.responder,
    );
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({
      status: 'monitoring',
      updates: [{ body: 'Fix deployed' }, { body: 'Some payments fail.' }],
    });
    expect(posted.json().monitoringAt).not.toBeNull();
  });

  it('mirrors a public status update posted on the incident onto the page', async () => {
    const incident = await declare(s.t, s.responder, { title: 'Mirror' });
    const published = (await publish(incident.id)).json();
    await postStatusUpdate(s.t, viewerOf(s.responder), incident.id, {
      audience: 'public',
      currentStatus: 'Written on the incident page',
    });
    await postStatusUpdate(s.t, viewerOf(s.responder), incident.id, {
      audience: 'stakeholders',
      currentStatus: 'Internal only: DB failover',
    });
    await new Promise((resolve) => setImmediate(resolve));
    const view = (await s.api('GET', `/api/v1/status/incidents/${published.id}`)).json();
    expect(view.updates.map((u: { body: string }) => u.body)).toEqual([
      'Written on the incident page',
      'Some payments fail.',
    ]);
    expect(await page()).not.toContain('DB failover');
  });

  it('never shows a private incident: publishing is refused, and one made private disappears everywhere', async () => {
    const secret = await declare(s.t, s.responder, { title: 'Secret', private: true });
    const refused = await publish(secret.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('incident_private');

    const incident = await declare(s.t, s.responder, { title: 'Becomes private' });
    const published = (await publish(incident.id, { name: 'Soon hidden incident' })).json();
    expect(await page()).toContain('Soon hidden incident');
    const { version } = await s.t.db
      .selectFrom('incidents')
      .select('version')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    await updateIncident(s.t, viewerOf(s.admin), incident.id, { private: true, version });
    const surfaces = [
      '/status',
      '/status/history',
      '/status/feed.rss',
      '/status/feed.atom',
      '/api/v2/summary.json',
      '/api/v2/incidents.json',
      '/api/v2/incidents/unresolved.json',
    ];
    for (const url of surfaces) {
      const res = await s.app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('Soon hidden incident');
      expect(res.body, url).not.toContain(published.id);
    }
    expect((await s.app.inject({ method: 'GET', url: `/status/incidents/${published.id}` })).statusCode).toBe(404);
  });

  it('escapes hostile titles and updates on the page, the incident page and the feeds', async () => {
    const incident = await declare(s.t, s.responder, { title: 'Hostile' });
    const published = (await publish(incident.id, { name: HOSTILE, body: `Update ${HOSTILE}` })).json();
    for (const url of ['/status', `/status/incidents/${published.id}`, '/status/history']) {
      const body = (await s.app.inject({ method: 'GET', url })).body;
      expect(body, url).not.toContain('<script>alert');
      expect(body, url).not.toContain('<img src=x');
      expect(body, url).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
    for (const url of ['/status/feed.rss', '/status/feed.atom']) {
      const body = (await s.app.inject({ method: 'GET', url })).body;
      expect(body, url).not.toContain('<script>');
      expect(body, url).not.toContain('<img src=x');
      // Entry HTML is escaped once as HTML and once as XML: a reader shows the text, never runs it.
      expect(body, url).toContain('&amp;lt;script&amp;gt;');
    }
    const json = (await s.app.inject({ method: 'GET', url: '/api/v2/incidents/unresolved.json' })).json();
    expect(json.incidents.some((i: { name: string }) => i.name === HOSTILE)).toBe(true);
  });

  it('lets only responders publish', async () => {
    const { buildUser } = await import('../factories.js');
    const viewer = await buildUser(s.t, { role: 'viewer' });
    const incident = await declare(s.t, s.responder, { title: 'Role check' });
    const res = await s.api(
      'POST',
      '/api/v1/status/incidents',
      { incidentId: incident.id, name: 'x x x', body: 'y' },
      viewer,
    );
    expect(res.statusCode).toBe(403);
  });
});
