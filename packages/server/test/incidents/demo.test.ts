import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDirectory } from '../../src/domains/directory/directory.demo.js';
import { incidentsModule } from '../../src/domains/incidents/index.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('incidents demo seed', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    await seedDirectory(t);
    await incidentsModule.demo!(t);
  });
  afterAll(() => t.close());

  it('leaves a resolved Sev2 with its story, a Sev1 in progress and a report in triage', async () => {
    const rows = await t.db
      .selectFrom('incidents')
      .leftJoin('severities', 'severities.id', 'incidents.severity_id')
      .select(['incidents.id', 'incidents.status', 'severities.key as severity'])
      .orderBy('incidents.number')
      .execute();
    expect(rows.map((r) => [r.status, r.severity])).toEqual([
      ['resolved', 'sev2'],
      ['investigating', 'sev1'],
      ['triage', null],
    ]);
    const kinds = await t.db
      .selectFrom('timeline_entries')
      .select('kind')
      .where('incident_id', '=', rows[0]!.id)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['declared', 'note', 'decision', 'status_update', 'status_changed']),
    );
  });
});
