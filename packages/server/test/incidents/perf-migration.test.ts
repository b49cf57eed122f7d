import { IncidentListQuery } from '@firebreak/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import { listIncidents } from '../../src/domains/incidents/incidents.service.js';
import { buildService } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person } from './helpers.js';

// Migration 2026-11-23-100 on a database that already holds incidents: services get their
// incident's number, search documents are renumbered in incident order and still found.

const BEFORE = '2026-11-23-090-analytics';

describeEachDialect('incident-perf migration on existing data', (dialect) => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext(dialect, { upTo: BEFORE });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('backfills incident numbers and renumbers documents so lists still find them', async () => {
    const { user, as: me } = await person(t);
    const service = await buildService(t, { name: 'Legacy' });
    const now = t.clock.now();
    // Rows as the released schema held them: written straight, with documents in arbitrary id order.
    const severity = await t.db
      .selectFrom('severities')
      .select('id')
      .where('key', '=', 'sev2')
      .executeTakeFirstOrThrow();
    for (const n of [3, 1, 2]) {
      const id = `legacy-${n}`;
      await sql`insert into incidents (id, number, title, slug, status, severity_id, source, reporter_id, created_at, updated_at)
        values (${id}, ${n}, ${`Legacy outage ${n}`}, ${`legacy-${n}`}, 'investigating', ${severity.id}, 'internal', ${user.id}, ${now}, ${now})`.execute(
        t.db,
      );
      await sql`insert into incident_services (incident_id, service_id) values (${id}, ${service.id})`.execute(t.db);
      await sql`insert into incident_search_docs (incident_id, source, title, body) values (${id}, 'incident', ${`Legacy outage ${n}`}, '')`.execute(
        t.db,
      );
    }
    await sql`insert into incident_search_docs (incident_id, source, title, body) values ('legacy-1', 'postmortem', 'Legacy review', 'outage')`.execute(
      t.db,
    );
    await sql`update incident_sequences set value = 3`.execute(t.db);

    await migrateToLatest(t.db);

    const services = await t.db
      .selectFrom('incident_services')
      .select(['incident_id', 'incident_number'])
      .orderBy('incident_id')
      .execute();
    expect(services).toEqual([
      { incident_id: 'legacy-1', incident_number: 1 },
      { incident_id: 'legacy-2', incident_number: 2 },
      { incident_id: 'legacy-3', incident_number: 3 },
    ]);
    const docs = await t.db.selectFrom('incident_search_docs').select(['id', 'source']).orderBy('id').execute();
    expect(docs).toEqual([
      { id: 16, source: 'incident' },
      { id: 17, source: 'postmortem' },
      { id: 32, source: 'incident' },
      { id: 48, source: 'incident' },
    ]);

    const fresh = await declare(t, me, { title: 'Legacy outage again', serviceIds: [service.id] });
    const list = async (query: Record<string, unknown>) =>
      (await listIncidents(t, me, IncidentListQuery.parse(query))).items.map((i) => i.number);
    expect(await list({ text: 'outage' })).toEqual([fresh.number, 'INC-3', 'INC-2', 'INC-1']);
    expect(await list({ text: 'review' })).toEqual(['INC-1']);
    expect(await list({ service: service.id, limit: 2 })).toEqual([fresh.number, 'INC-3']);
    expect(await list({ service: service.id, cursor: '3' })).toEqual(['INC-2', 'INC-1']);
  });
});
