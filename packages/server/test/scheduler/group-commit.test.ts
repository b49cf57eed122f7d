import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Executor, openDatabase } from '../../src/core/db/database.js';
import { enqueueJob } from '../../src/core/scheduler/enqueue.js';
import { groupCommitStats, transact, writeStatement } from '../../src/core/scheduler/group-commit.js';
import { onJobsChanged } from '../../src/core/scheduler/wakeup.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('group commit', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    await sql`create table marks (id text primary key, who text not null)`.execute(t.db);
  });
  afterAll(() => t.close());

  const marksOf = async (who: string) =>
    (await sql<{ id: string }>`select id from marks where who = ${who} order by id`.execute(t.db)).rows.map(
      (r) => r.id,
    );
  const mark = (ex: Executor, id: string, who: string) =>
    sql`insert into marks (id, who) values (${id}, ${who})`.execute(ex);
  const ids = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

  it('transactions started together share one commit on SQLite, and answer only once it is done', async () => {
    const before = groupCommitStats(t.db);
    const values = await Promise.all(
      ids('shared', 20).map((id, i) =>
        transact(t, async (trx) => {
          await mark(trx, id, 'shared');
          return i;
        }),
      ),
    );
    expect(values).toEqual([...Array(20).keys()]);
    const after = groupCommitStats(t.db);
    // On SQLite twenty transactions started in one turn share one commit (one fsync); PostgreSQL
    // commits concurrent transactions together by itself.
    expect(after.members - before.members).toBe(dialect === 'sqlite' ? 20 : 0);
    expect(after.commits - before.commits).toBe(dialect === 'sqlite' ? 1 : 0);

    // Another connection sees every row: "answered" meant "committed".
    const other = openDatabase({ databaseUrl: t.database.url, dataDir: t.config.dataDir, poolSize: 1 });
    try {
      const seen = await sql<{ n: number }>`select count(*) as n from marks where who = 'shared'`.execute(other.db);
      expect(Number(seen.rows[0]!.n)).toBe(20);
    } finally {
      await other.close();
    }
  });

  it('a member that fails takes only its own writes with it', async () => {
    const outcomes = await Promise.allSettled(
      ids('mixed', 10).map((id, i) =>
        transact(t, async (trx) => {
          await mark(trx, `${id}-a`, 'mixed');
          if (i === 7) throw new Error('member 7 fails after its first insert');
          await mark(trx, `${id}-b`, 'mixed');
          return i;
        }),
      ),
    );
    expect(outcomes[7]).toMatchObject({
      status: 'rejected',
      reason: { message: 'member 7 fails after its first insert' },
    });
    const kept = ids('mixed', 10).filter((_, i) => i !== 7);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual(
      [...Array(10).keys()].filter((i) => i !== 7),
    );
    expect(await marksOf('mixed')).toEqual(kept.flatMap((id) => [`${id}-a`, `${id}-b`]));
  });

  it('wakes the schedulers of this process after the commit that holds an enqueued job, not before', async () => {
    const seenAtWake: number[] = [];
    const stop = onJobsChanged(() => {
      void sql<{ n: number }>`select count(*) as n from jobs where kind = 'group-wake'`
        .execute(t.db)
        .then((r) => seenAtWake.push(Number(r.rows[0]!.n)));
    });
    try {
      await transact(t, (trx) => enqueueJob(trx, t.clock, { kind: 'group-wake' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seenAtWake).toEqual([1]);
    } finally {
      stop();
      await t.db.deleteFrom('jobs').where('kind', '=', 'group-wake').execute();
    }
  });

  it('single statements return their results; on SQLite they share a commit too', async () => {
    const before = groupCommitStats(t.db);
    const results = await Promise.all(
      ['x', 'y', 'z'].map((id) =>
        writeStatement(t, async (ex) => Number((await mark(ex, id, 'statement')).numAffectedRows)),
      ),
    );
    expect(results).toEqual([1, 1, 1]);
    expect(await marksOf('statement')).toEqual(['x', 'y', 'z']);
    expect(groupCommitStats(t.db).commits - before.commits).toBe(dialect === 'sqlite' ? 1 : 0);
  });
});
