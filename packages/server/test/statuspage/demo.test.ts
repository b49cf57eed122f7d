import { afterAll, beforeAll, expect, it } from 'vitest';
import { directoryModule } from '../../src/domains/directory/index.js';
import { incidentsModule } from '../../src/domains/incidents/index.js';
import { statuspageModule } from '../../src/domains/statuspage/index.js';
import { describeEachDialect } from '../harness.js';
import { type Setup, setup } from './helpers.js';

describeEachDialect('status page: demo', (dialect) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(dialect);
    for (const domain of [directoryModule, incidentsModule, statuspageModule]) await domain.demo?.(s.t);
  });
  afterAll(() => s.close());

  it('fills the page with components, 90 days of history with incidents, and upcoming maintenance', async () => {
    const summary = (await s.app.inject({ method: 'GET', url: '/api/v2/summary.json' })).json();
    expect(summary.page.name).toBe('Acme Shop');
    expect(summary.components.filter((c: { group: boolean }) => !c.group).length).toBeGreaterThanOrEqual(5);
    expect(summary.incidents.map((i: { name: string }) => i.name)).toEqual(['Search shows no results']);
    expect(summary.scheduled_maintenances.map((m: { name: string; status: string }) => [m.name, m.status])).toEqual([
      ['Search index rebuild', 'scheduled'],
    ]);
    const all = (await s.app.inject({ method: 'GET', url: '/api/v2/incidents.json' })).json();
    expect(all.incidents.length).toBe(4);
    const html = (await s.app.inject({ method: 'GET', url: '/status' })).body;
    // Bars show past outages: a major outage day and a degraded day among the 90.
    expect(html).toMatch(/title="\d{4}-\d\d-\d\d: [\d.]+% uptime, major outage"/);
    expect(html).toMatch(/title="\d{4}-\d\d-\d\d: 100% uptime, degraded performance"/);
    expect(html).not.toContain('no data');
    const reported = all.incidents.find((i: { name: string }) => i.name === 'Card payments failing at checkout');
    const page = (await s.app.inject({ method: 'GET', url: `/status/incidents/${reported.id}` })).body;
    expect(page).toContain('Incident report');
    const history = (await s.app.inject({ method: 'GET', url: '/status/history' })).body;
    expect(history).toContain('Database upgrade');
  });
});
