import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDirectory } from '../../src/domains/directory/directory.demo.js';
import { incidentsModule } from '../../src/domains/incidents/index.js';
import { postmortemsModule } from '../../src/domains/postmortems/index.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('postmortems demo seed', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    await seedDirectory(t);
    await incidentsModule.demo!(t);
    await postmortemsModule.demo!(t);
  });
  afterAll(() => t.close());

  it('publishes two postmortems with five whys and action items in several states', async () => {
    const pms = await t.db.selectFrom('postmortems').select(['id', 'status', 'incident_id']).execute();
    expect(pms.map((p) => p.status)).toEqual(['published', 'published']);
    const incidents = await t.db
      .selectFrom('incidents')
      .select('status')
      .where(
        'id',
        'in',
        pms.map((p) => p.incident_id),
      )
      .execute();
    expect(incidents.map((i) => i.status)).toEqual(['resolved', 'resolved']);
    for (const pm of pms) {
      const chains = await t.db
        .selectFrom('postmortem_why_chains')
        .select('id')
        .where('postmortem_id', '=', pm.id)
        .execute();
      expect(chains.length).toBeGreaterThan(0);
    }
    const items = await t.db.selectFrom('action_items').select(['status', 'due_at']).execute();
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['open', 'in_progress', 'blocked', 'done']));
    expect(items.some((i) => i.status === 'open' && i.due_at! < t.clock.now())).toBe(true);
    const docs = await t.db
      .selectFrom('incident_search_docs')
      .select('source')
      .where('source', '=', 'postmortem')
      .execute();
    expect(docs).toHaveLength(2);
  });
});
