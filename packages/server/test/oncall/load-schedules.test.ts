import { CreateOverrideInput, CreateScheduleInput } from '@firebreak/shared';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.js';
import type { Tables } from '../../src/core/db/database.js';
import { createOverride } from '../../src/domains/oncall/commands/create-override.js';
import { createSchedule } from '../../src/domains/oncall/commands/create-schedule.js';
import {
  loadSchedule,
  loadSchedules,
  resolveLoaded,
  warmScheduleCache,
} from '../../src/domains/oncall/schedule.service.js';
import { DAY_MS } from '../../src/domains/oncall/zone-time.js';
import { buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('loading many schedules at once', (dialect) => {
  let t: TestContext;
  let ids: string[];
  const opened: Kysely<Tables>[] = [];

  /** Another process on the same database (its own cache), counting the queries it sends. */
  function otherProcess(): { ctx: AppContext; queries: () => number } {
    let count = 0;
    const log = () => {
      count++;
    };
    const url = t.database.url;
    const pool = dialect === 'postgres' ? new pg.Pool({ connectionString: url, max: 2 }) : null;
    // Its connections may still be closing when the test database is dropped (WITH FORCE) at the
    // end: without a listener, the server's "terminating connection" is an uncaught exception.
    pool?.on('error', () => {});
    const db = new Kysely<Tables>({
      dialect: pool
        ? new PostgresDialect({ pool })
        : new SqliteDialect({ database: new SQLite(url.slice('sqlite:'.length)) }),
      log,
    });
    opened.push(db);
    return { ctx: { ...t, db }, queries: () => count };
  }

  beforeAll(async () => {
    t = await createTestContext(dialect);
    const [a, b, c] = [await buildUser(t), await buildUser(t), await buildUser(t)];
    const now = t.clock.now();
    ids = [];
    for (const [i, people] of [[a.id, b.id], [b.id, c.id], [c.id]].entries()) {
      const id = await createSchedule(
        t,
        null,
        CreateScheduleInput.parse({
          name: `Batch ${i}`,
          layers: [
            { participants: people, rotation: { unit: 'day', every: 1 }, timeZone: 'UTC', startDate: '2026-01-01' },
          ],
        }),
      );
      // One override long past (outside what the cache keeps), one coming.
      for (const start of [now - 10 * DAY_MS, now + DAY_MS]) {
        await createOverride(
          t,
          null,
          id,
          CreateOverrideInput.parse({
            userId: a.id,
            start: new Date(start).toISOString(),
            end: new Date(start + 3_600_000).toISOString(),
          }),
        );
      }
      ids.push(id);
    }
  });
  afterAll(async () => {
    for (const db of opened) await db.destroy();
    await t.close();
  });

  it('answers like loadSchedule for each, leaving unknown ids out, over recent and older ranges', async () => {
    const now = t.clock.now();
    for (const [from, to] of [
      [now, now + 30 * DAY_MS],
      [now - 20 * DAY_MS, now + 5 * DAY_MS],
    ] as const) {
      const { ctx } = otherProcess();
      const all = await loadSchedules(ctx, [...ids, 'no-such-schedule', ids[0]!], from, to);
      expect([...all.keys()].sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const one = await loadSchedule(t, id, from, to);
        const batched = all.get(id)!;
        expect(batched.overrides.map((o) => o.id)).toEqual(one!.overrides.map((o) => o.id));
        expect(resolveLoaded(batched, from, to).final).toEqual(resolveLoaded(one!, from, to).final);
      }
      expect(all.get(ids[0]!)!.overrides).toHaveLength(from < now - 10 * DAY_MS ? 2 : 1);
    }
  });

  it('costs a fixed number of queries whatever the number of schedules, none while fresh', async () => {
    const now = t.clock.now();
    const { ctx, queries } = otherProcess();
    await loadSchedules(ctx, ids, now, now + 90 * DAY_MS);
    expect(queries()).toBe(4); // versions, then schedules, layers and overrides of all of them
    await loadSchedules(ctx, ids, now, now + 90 * DAY_MS);
    expect(queries()).toBe(4);
    await loadSchedules(ctx, ids, now - 20 * DAY_MS, now);
    expect(queries()).toBe(5); // older overrides than the cache keeps: one query for all
  });

  it('warms the cache at start-up so the first questions need no query', async () => {
    const { ctx, queries } = otherProcess();
    await warmScheduleCache(ctx);
    const warming = queries();
    const loaded = await loadSchedules(ctx, ids, t.clock.now(), t.clock.now() + DAY_MS);
    expect(loaded.size).toBe(3);
    expect(queries()).toBe(warming);
  });
});
