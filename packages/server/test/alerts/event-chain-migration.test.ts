import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import { listEventsOfAlert } from '../../src/domains/alerts/alerts.repo.js';
import { buildService } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

// Migration 2026-11-23-150 on a database that already holds alert events: each event is linked to
// the one before it (by received time, then id, the order history was shown in) and each alert to
// its latest, so the history reads the same as before.

const BEFORE = '2026-11-23-140-analytics-fast-reads';

describeEachDialect('alert event chain migration on existing data', (dialect) => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext(dialect, { upTo: BEFORE });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('links every event to its predecessor and every alert to its latest event', async () => {
    const service = await buildService(t, { name: 'Legacy' });
    const at = 1_700_000_000_000;
    await sql`insert into alert_integrations (id, service_id, name, kind, key_hash, key_hint, created_at, updated_at)
      values ('int-1', ${service.id}, 'legacy', 'events_api', 'hash', 'abcd', ${at}, ${at})`.execute(t.db);
    await sql`insert into alert_groups (id, service_id, integration_id, title, status, severity, notify_state, first_alert_at, last_alert_at, created_at, updated_at)
      values ('grp-1', ${service.id}, 'int-1', 'legacy', 'triggered', 'error', 'paged', ${at}, ${at}, ${at}, ${at})`.execute(
      t.db,
    );
    for (const id of ['alert-a', 'alert-b', 'alert-quiet']) {
      await sql`insert into alerts (id, integration_id, service_id, group_id, dedup_key, status, severity, summary, source, format, last_hash, last_event_at, created_at)
        values (${id}, 'int-1', ${service.id}, 'grp-1', ${id}, 'triggered', 'error', ${id}, 'legacy', 'events_v2', 'h', ${at}, ${at})`.execute(
        t.db,
      );
    }
    // Interleaved, written out of order; a3a and a3b arrived in the same millisecond.
    const events: [string, string, number][] = [
      ['e-a3b', 'alert-a', 3],
      ['e-b1', 'alert-b', 1],
      ['e-a1', 'alert-a', 1],
      ['e-a3a', 'alert-a', 3],
      ['e-b2', 'alert-b', 2],
      ['e-a2', 'alert-a', 2],
    ];
    for (const [id, alert, second] of events) {
      await sql`insert into alert_events (id, alert_id, action, summary, received_at)
        values (${id}, ${alert}, 'trigger', ${id}, ${at + second * 1000})`.execute(t.db);
    }

    await migrateToLatest(t.db);

    const latest = await t.db.selectFrom('alerts').select(['id', 'last_event_id']).orderBy('id').execute();
    expect(latest).toEqual([
      { id: 'alert-a', last_event_id: 'e-a3b' },
      { id: 'alert-b', last_event_id: 'e-b2' },
      { id: 'alert-quiet', last_event_id: null },
    ]);
    const history = async (id: string) => (await listEventsOfAlert(t.db, id)).map((e) => e.id);
    expect(await history('alert-a')).toEqual(['e-a3b', 'e-a3a', 'e-a2', 'e-a1']);
    expect(await history('alert-b')).toEqual(['e-b2', 'e-b1']);
    expect(await history('alert-quiet')).toEqual([]);
  });
});
