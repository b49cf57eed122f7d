import { IncidentListQuery } from '@firebreak/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mergeIncident } from '../../src/domains/incidents/commands/triage.js';
import { updateIncident } from '../../src/domains/incidents/commands/update-incident.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { listIncidents } from '../../src/domains/incidents/incidents.service.js';
import { reportIncident } from '../../src/domains/incidents/index.js';
import { DOC_ID_SLOTS, indexIncidentDocument } from '../../src/domains/incidents/search.repo.js';
import { buildService } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person } from './helpers.js';

// The list walks different paths by filter (incidents, a service's incidents, SQLite's FTS index
// newest first); each must answer exactly what the plain filter means, page after page.

describeEachDialect('incident list paths', (dialect) => {
  let t: TestContext;
  let me: Viewer;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    me = (await person(t)).as;
  });
  afterAll(() => t.close());

  /** Every page of a list, as the numbers shown, following nextCursor. */
  async function allPages(query: Record<string, unknown>, limit = 2): Promise<string[]> {
    const numbers: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await listIncidents(t, me, IncidentListQuery.parse({ ...query, limit, cursor }));
      numbers.push(...page.items.map((i) => i.number));
      if (!page.nextCursor) return numbers;
      cursor = page.nextCursor;
    }
    throw new Error('pages never ended');
  }

  it('lists a service’s incidents newest first across pages, following service changes', async () => {
    const [a, b] = [await buildService(t, { name: 'Ledger' }), await buildService(t, { name: 'Vault' })];
    const one = await declare(t, me, { serviceIds: [a.id] });
    await declare(t, me, { serviceIds: [b.id] });
    const three = await declare(t, me, { serviceIds: [a.id, b.id] });
    const four = await declare(t, me, { serviceIds: [a.id] });
    expect(await allPages({ service: a.id })).toEqual([four.number, three.number, one.number]);
    expect(await allPages({ service: a.id, status: 'resolved' })).toEqual([]);
    expect(await allPages({ service: a.id, status: 'investigating' })).toEqual([four.number, three.number, one.number]);

    await updateIncident(t, me, four.id, { version: four.version, serviceIds: [b.id] });
    expect(await allPages({ service: a.id })).toEqual([three.number, one.number]);
    expect(await allPages({ service: b.id }, 1)).toHaveLength(3);
    const rows = await t.db.selectFrom('incident_services').selectAll().where('incident_id', '=', four.id).execute();
    expect(rows).toEqual([{ incident_id: four.id, service_id: b.id, incident_number: Number(four.number.slice(4)) }]);
  });

  it('gives a merge target the services of the report, under the target’s number', async () => {
    const [a, b] = [await buildService(t, { name: 'Mailer' }), await buildService(t, { name: 'Queue' })];
    const target = await declare(t, me, { serviceIds: [a.id] });
    const report = await reportIncident(t, me, {
      title: 'Emails missing',
      customer: 'ACME',
      observed: 'No receipts',
      serviceIds: [b.id],
    });
    await mergeIncident(t, me, report.id, { into: target.number });
    expect(await allPages({ service: b.id })).toEqual([report.number, target.number]);
  });

  it('finds text page after page, newest first, once per incident however many documents match', async () => {
    const older = await declare(t, me, { title: 'Zeppelin gateway latency' });
    const unrelated = await declare(t, me, { title: 'Disk full on workers' });
    const middle = await declare(t, me, { title: 'Zeppelin errors', summary: 'zeppelin zeppelin' });
    const newer = await declare(t, me, { title: 'Checkout down', summary: 'Traced to the zeppelin cache' });
    // A second document of the middle incident that also matches.
    await indexIncidentDocument(t.db, {
      incidentId: middle.id,
      source: 'postmortem',
      title: 'Zeppelin postmortem',
      body: 'zeppelin',
    });
    for (const limit of [1, 2, 5]) {
      expect(await allPages({ text: 'zeppelin' }, limit)).toEqual([newer.number, middle.number, older.number]);
    }
    expect(await allPages({ text: 'zepp', status: 'investigating', severity: 'sev2' })).toEqual([
      newer.number,
      middle.number,
      older.number,
    ]);
    const svc = await buildService(t, { name: 'Zeppelin svc' });
    await updateIncident(t, me, older.id, { version: older.version, serviceIds: [svc.id] });
    expect(await allPages({ text: 'zeppelin', service: svc.id })).toEqual([older.number]);
    expect(await allPages({ text: 'zeppelin', status: 'resolved,closed' })).toEqual([]);
    expect(await allPages({ text: 'zeppelin disk' })).toEqual([]);
    expect(await allPages({ text: 'disk' })).toEqual([unrelated.number]);
  });

  it('numbers search documents in incident order, one slot per source', async () => {
    const first = await declare(t, me, { title: 'Slot check one' });
    await indexIncidentDocument(t.db, { incidentId: first.id, source: 'postmortem', title: 'x', body: 'y' });
    await indexIncidentDocument(t.db, { incidentId: first.id, source: 'postmortem', title: 'x2', body: 'y2' });
    const docs = await t.db
      .selectFrom('incident_search_docs')
      .select(['id', 'source', 'title'])
      .where('incident_id', '=', first.id)
      .orderBy('id')
      .execute();
    const base = Number(first.number.slice(4)) * DOC_ID_SLOTS;
    expect(docs).toEqual([
      { id: base, source: 'incident', title: 'Slot check one' },
      { id: base + 1, source: 'postmortem', title: 'x2' },
    ]);
  });
});
