import { afterAll, beforeAll, expect, it } from 'vitest';
import { fillPreviousUpdates } from '../../src/core/db/migrations/2026-11-23-140-analytics-fast-reads.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person } from '../incidents/helpers.js';
import { MIN } from './world.js';

// Migration 2026-11-23-140 gives every status update already posted its predecessor, as posting
// one does from then on: the latest earlier update of the same incident and audience.

const T0 = Date.parse('2026-03-02T09:00:00Z');

describeEachDialect('status updates backfilled with their predecessor', (dialect) => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    await t.clock.set(T0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('links each update to the one before it in its incident and audience, ties by id', async () => {
    const { as } = await person(t);
    const first = await declare(t, as);
    const second = await declare(t, as);
    // Rows as released before the migration: no predecessor (inserted out of order on purpose).
    const rows: [string, string, 'stakeholders' | 'public', number, number | null][] = [
      ['u-4', first.id, 'stakeholders', 50, null],
      ['u-1', first.id, 'stakeholders', 10, 40],
      ['u-2', first.id, 'public', 12, 42],
      ['u-3a', first.id, 'stakeholders', 30, 60],
      ['u-3b', first.id, 'stakeholders', 30, 61],
      ['u-5', second.id, 'stakeholders', 20, 50],
    ];
    await t.db
      .insertInto('incident_status_updates')
      .values(
        rows.map(([id, incident, audience, at, next]) => ({
          id,
          incident_id: incident,
          audience,
          current_status: 'Investigating',
          impact: '',
          next_update_at: next == null ? null : T0 + next * MIN,
          posted_by: as.userId,
          posted_at: T0 + at * MIN,
          previous_posted_at: null,
          previous_next_update_at: null,
        })),
      )
      .execute();

    await fillPreviousUpdates(t.db);

    const filled = await t.db
      .selectFrom('incident_status_updates')
      .select(['id', 'previous_posted_at', 'previous_next_update_at'])
      .where('id', 'like', 'u-%')
      .orderBy('id')
      .execute();
    const minutes = (v: number | string | null) => (v == null ? null : (Number(v) - T0) / MIN);
    expect(filled.map((r) => [r.id, minutes(r.previous_posted_at), minutes(r.previous_next_update_at)])).toEqual([
      ['u-1', null, null],
      ['u-2', null, null],
      ['u-3a', 10, 40],
      ['u-3b', 30, 60],
      ['u-4', 30, 61],
      ['u-5', null, null],
    ]);
  });
});
