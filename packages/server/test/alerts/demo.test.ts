import { afterAll, beforeAll, expect, it } from 'vitest';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { alertsModule } from '../../src/domains/alerts/index.js';
import { seedDirectory } from '../../src/domains/directory/directory.demo.js';
import { oncallModule } from '../../src/domains/oncall/index.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { allJobHandlers } from './helpers.js';

describeEachDialect('alerts demo seed', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    await seedDirectory(t);
    await oncallModule.demo?.(t);
    await alertsModule.demo!(t);
  });
  afterAll(() => t.close());

  it('gives every service an integration and leaves one grouped storm that pages once', async () => {
    const services = await t.db.selectFrom('services').select('id').execute();
    const integrations = await t.db.selectFrom('alert_integrations').select(['service_id', 'kind']).execute();
    expect(new Set(integrations.map((i) => i.service_id))).toEqual(new Set(services.map((s) => s.id)));
    expect(integrations.filter((i) => i.kind === 'alertmanager')).toHaveLength(1);
    const groups = await t.db.selectFrom('alert_groups').selectAll().execute();
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ alert_count: 12, severity: 'critical', status: 'triggered' });
    expect(await t.db.selectFrom('change_events').select('id').execute()).toHaveLength(1);

    await t.clock.advance(61_000); // past the demo's grace period
    const scheduler = new Scheduler({ ctx: t, handlers: allJobHandlers() });
    while ((await scheduler.runDue()) > 0);
    const group = await t.db.selectFrom('alert_groups').selectAll().executeTakeFirstOrThrow();
    expect(['paged', 'unrouted']).toContain(group.notify_state);
    const pages = await t.db.selectFrom('pages').select('id').where('source', '=', 'alert').execute();
    expect(pages).toHaveLength(group.notify_state === 'paged' ? 1 : 0);
  });
});
