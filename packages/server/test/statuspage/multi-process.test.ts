import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statuspageModule } from '../../src/domains/statuspage/index.js';
import { buildApp } from '../../src/http/app.js';
import { PG_URL } from '../harness.js';
import { component, type Setup, setup } from './helpers.js';

// Two app instances on one PostgreSQL database stand in for two processes: a change made through
// one must reach the other's snapshot through LISTEN/NOTIFY (the in-process event never does).
describe.skipIf(!PG_URL)('status page: snapshots across processes [postgres]', () => {
  let s: Setup;
  let other: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    s = await setup('postgres', { databaseUrl: true });
    // A second "process": its own context (event bus) on the same database.
    const { EventBus } = await import('../../src/core/events.js');
    const ctx2 = { ...s.t, events: new EventBus() };
    statuspageModule.subscribe?.(ctx2);
    other = await buildApp(ctx2);
  });
  afterAll(async () => {
    await other.close();
    await s.close();
  });

  it('refreshes the other process when the page changes', async () => {
    const before = (await other.inject({ method: 'GET', url: '/api/v2/components.json' })).json();
    expect(before.components).toHaveLength(0);
    await component(s, { name: 'Website' });
    let names: string[] = [];
    for (let i = 0; i < 100 && names.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const res = (await other.inject({ method: 'GET', url: '/api/v2/components.json' })).json();
      names = res.components.map((c: { name: string }) => c.name);
    }
    expect(names).toEqual(['Website']);
  });
});
