import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.js';
import { openDatabase } from '../../src/core/db/database.js';
import { enqueueJob } from '../../src/core/scheduler/enqueue.js';
import type { JobHandler } from '../../src/core/scheduler/jobs.model.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('scheduler across a restart', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  /** One "process lifetime": its own connection to the test database and its own scheduler. */
  function boot(handlers: Record<string, JobHandler>) {
    const database = openDatabase({ databaseUrl: t.database.url, dataDir: t.config.dataDir, poolSize: 2 });
    const ctx: AppContext = { ...t, db: database.db };
    const scheduler = new Scheduler({ ctx, handlers, databaseUrl: t.database.url });
    scheduler.start();
    return {
      ctx,
      scheduler,
      shutdown: async () => {
        await scheduler.stop();
        await database.close();
      },
    };
  }

  it('runs a job enqueued before the restart once its time comes after it', async () => {
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      escalate: async (job) => {
        ran.push(job.id);
      },
    };

    const before = boot(handlers);
    const id = await before.ctx.db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, before.ctx.clock, { kind: 'escalate', runAt: before.ctx.clock.now() + 10 * 60_000 }),
      );
    await before.scheduler.idle();
    await before.shutdown();
    expect(ran).toEqual([]);

    const after = boot(handlers);
    await after.scheduler.idle();
    expect(ran).toEqual([]);
    await t.clock.advance(10 * 60_000);
    await after.scheduler.idle();
    expect(ran).toEqual([id]);
    await after.shutdown();
  });
});
