import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { component, declare, type Setup, setup } from './helpers.js';

describeEachDialect('status page: public surfaces', (dialect) => {
  let s: Setup;
  let api: { id: string };
  let web: { id: string };
  let groupId: string;

  beforeAll(async () => {
    s = await setup(dialect);
    const group = await s.api('POST', '/api/v1/status/groups', { name: 'Shop' });
    expect(group.statusCode).toBe(201);
    groupId = group.json().id;
    web = await component(s, { name: 'Website', groupId });
    api = await component(s, { name: 'Public API', description: 'REST and webhooks' });
    await component(s, { name: 'Hidden until broken', onlyShowIfDegraded: true });
    const settings = await s.api('PATCH', '/api/v1/status/settings', { name: 'Acme', brandColor: '#123456' });
    expect(settings.statusCode).toBe(200);
  });
  afterAll(() => s.close());

  it('serves the page as HTML without JavaScript or sign-in, with groups, components and uptime bars', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/status' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('All Systems Operational');
    expect(html).toContain('Acme');
    expect(html).toContain('--brand:#123456');
    expect(html).toContain('Shop');
    expect(html).toContain('Website');
    expect(html).toContain('REST and webhooks');
    const shown = html.slice(html.indexOf('<h2>Components</h2>'), html.indexOf('id="subscribe"'));
    expect(shown).not.toContain('Hidden until broken');
    // 90 day bars per shown component (two of them).
    expect(html.match(/<span style="background:[^"]+" title="\d{4}-\d\d-\d\d: /g)).toHaveLength(180);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers Statuspage-compatible JSON', async () => {
    const summary = (await s.app.inject({ method: 'GET', url: '/api/v2/summary.json' })).json();
    expect(Object.keys(summary).sort()).toEqual([
      'components',
      'incidents',
      'page',
      'scheduled_maintenances',
      'status',
    ]);
    expect(Object.keys(summary.page).sort()).toEqual(['id', 'name', 'time_zone', 'updated_at', 'url']);
    expect(summary.page.url).toBe('http://localhost:8080/status');
    expect(summary.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    const group = summary.components.find((c: { group: boolean }) => c.group);
    expect(group).toMatchObject({ id: groupId, group: true, group_id: null, components: [web.id] });
    const website = summary.components.find((c: { id: string }) => c.id === web.id);
    expect(website).toMatchObject({
      status: 'operational',
      group: false,
      group_id: groupId,
      showcase: true,
      only_show_if_degraded: false,
    });
    for (const path of [
      'status.json',
      'components.json',
      'incidents.json',
      'incidents/unresolved.json',
      'scheduled-maintenances.json',
      'scheduled-maintenances/upcoming.json',
      'scheduled-maintenances/active.json',
    ]) {
      const res = await s.app.inject({ method: 'GET', url: `/api/v2/${path}` });
      expect(res.statusCode, path).toBe(200);
      expect(res.json().page.id).toBe(summary.page.id);
    }
  });

  it('shows a published incident with its impact everywhere, and rolls the status up', async () => {
    const incident = await declare(s.t, s.responder);
    const published = await s.api(
      'POST',
      '/api/v1/status/incidents',
      {
        incidentId: incident.number,
        name: 'API errors',
        body: 'Some API calls fail.',
        impact: 'major',
        components: [{ componentId: api.id, status: 'partial_outage' }],
      },
      s.responder,
    );
    expect(published.statusCode).toBe(201);
    const id = published.json().id;
    const summary = (await s.app.inject({ method: 'GET', url: '/api/v2/summary.json' })).json();
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(summary.incidents).toHaveLength(1);
    expect(summary.incidents[0]).toMatchObject({
      id,
      name: 'API errors',
      status: 'investigating',
      impact: 'major',
      shortlink: `http://localhost:8080/status/incidents/${id}`,
      resolved_at: null,
    });
    expect(summary.incidents[0].incident_updates[0]).toMatchObject({
      status: 'investigating',
      body: 'Some API calls fail.',
      affected_components: [
        { code: api.id, name: 'Public API', old_status: 'operational', new_status: 'partial_outage' },
      ],
    });
    const page = await s.app.inject({ method: 'GET', url: '/status' });
    expect(page.body).toContain('Current incidents');
    expect(page.body).toContain('Some API calls fail.');
    const detail = await s.app.inject({ method: 'GET', url: `/status/incidents/${id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('API errors');
    const badge = await s.app.inject({ method: 'GET', url: `/status/components/${api.id}/badge.svg` });
    expect(badge.headers['content-type']).toContain('image/svg+xml');
    expect(badge.body).toContain('partial outage');
    const pageBadge = await s.app.inject({ method: 'GET', url: '/status/badge.svg' });
    expect(pageBadge.body).toContain('partial system outage');
    const rss = await s.app.inject({ method: 'GET', url: '/status/feed.rss' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<title>API errors</title>');
    const atom = await s.app.inject({ method: 'GET', url: '/status/feed.atom' });
    expect(atom.body).toContain(`<id>http://localhost:8080/status/incidents/${id}</id>`);
  });

  it('answers 304 to a matching ETag or Last-Modified, and says how long to cache', async () => {
    for (const url of ['/status', '/api/v2/summary.json', '/status/feed.atom', '/status/badge.svg']) {
      const first = await s.app.inject({ method: 'GET', url });
      expect(first.headers['cache-control'], url).toMatch(/public, max-age=\d+/);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await s.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      const since = await s.app.inject({
        method: 'GET',
        url,
        headers: { 'if-modified-since': String(first.headers['last-modified']) },
      });
      expect(since.statusCode, url).toBe(304);
      const stale = await s.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } });
      expect(stale.statusCode, url).toBe(200);
    }
  });

  it('changes the ETag when the page changes', async () => {
    const before = String((await s.app.inject({ method: 'GET', url: '/api/v2/components.json' })).headers.etag);
    await s.api('PATCH', `/api/v1/status/components/${web.id}`, { description: 'The shop front' });
    const after = await s.app.inject({
      method: 'GET',
      url: '/api/v2/components.json',
      headers: { 'if-none-match': before },
    });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('The shop front');
  });

  it('pages through history', async () => {
    const first = await s.app.inject({ method: 'GET', url: '/status/history' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Page 1 of 1');
    expect((await s.app.inject({ method: 'GET', url: '/status/history?page=2' })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/status/history?page=abc' })).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'GET', url: '/status/incidents/nope' })).statusCode).toBe(404);
  });

  it('serves the page at / on its own host name, and nothing there on other hosts', async () => {
    const res = await s.api('PATCH', '/api/v1/status/settings', { statusHost: 'status.example.com' });
    expect(res.statusCode).toBe(200);
    // The host is matched from the snapshot, which a first request after the change brings up to date.
    await s.app.inject({ method: 'GET', url: '/status' });
    const own = await s.app.inject({ method: 'GET', url: '/', headers: { host: 'status.example.com' } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Acme');
    expect(own.body).toContain('href="/history"');
    const feed = await s.app.inject({ method: 'GET', url: '/feed.rss', headers: { host: 'status.example.com' } });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('<link>http://status.example.com</link>');
    const other = await s.app.inject({ method: 'GET', url: '/', headers: { host: 'firebreak.example.com' } });
    expect(other.statusCode).toBe(404);
    const main = await s.app.inject({ method: 'GET', url: '/status', headers: { host: 'firebreak.example.com' } });
    expect(main.statusCode).toBe(200);
    await s.api('PATCH', '/api/v1/status/settings', { statusHost: null });
  });

  it('answers over real HTTP from the fast path with the same bytes and headers as the routes', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    for (const url of ['/status', '/api/v2/summary.json', '/status/feed.rss', '/status/badge.svg']) {
      const routed = await s.app.inject({ method: 'GET', url });
      const fast = await fetch(`${address}${url}`);
      expect(fast.status, url).toBe(200);
      expect(await fast.text(), url).toBe(routed.body);
      for (const header of ['etag', 'last-modified', 'cache-control', 'content-type', 'access-control-allow-origin']) {
        expect(fast.headers.get(header) ?? undefined, `${url} ${header}`).toBe(routed.headers[header]);
      }
      expect(fast.headers.get('x-content-type-options')).toBe('nosniff');
      // Pages carry their own CSP (no scripts at all) on both paths.
      if (url === '/status')
        expect(fast.headers.get('content-security-policy')).toBe(routed.headers['content-security-policy']);
      const notModified = await fetch(`${address}${url}`, {
        headers: { 'if-none-match': String(routed.headers.etag) },
      });
      expect(notModified.status, url).toBe(304);
    }
    const withQuery = await fetch(`${address}/status/history?page=1`);
    expect(withQuery.status).toBe(200);
  });

  it('keeps serving the last good snapshot while the database is down', async () => {
    const good = await s.app.inject({ method: 'GET', url: '/status' });
    expect(good.statusCode).toBe(200);
    // A change invalidates the snapshot, then the database goes away before it can be rebuilt.
    s.t.events.emit('statuspage.changed', { reason: 'test' });
    await s.t.database.close();
    for (const url of ['/status', '/api/v2/summary.json', '/status/feed.rss']) {
      const res = await s.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
    expect((await s.app.inject({ method: 'GET', url: '/status' })).body).toBe(good.body);
  });
});
