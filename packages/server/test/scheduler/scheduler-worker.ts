// A scheduler in its own OS process, for processes.test.ts. It opens the database named by
// FIREBREAK_WORKER_DB_URL, runs jobs of kind `record-run` (each inserts a row into the test's
// `job_runs` table), prints "ready" once started and exits cleanly when stdin says "stop" or closes.
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { systemClock } from '../../src/core/clock.js';
import { loadConfig } from '../../src/core/config.js';
import type { AppContext } from '../../src/core/context.js';
import { openDatabase } from '../../src/core/db/database.js';
import { EventBus } from '../../src/core/events.js';
import { createLogger } from '../../src/core/logger.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';

const url = process.env.FIREBREAK_WORKER_DB_URL;
const name = process.env.FIREBREAK_WORKER_NAME ?? `worker-${process.pid}`;
if (!url) throw new Error('FIREBREAK_WORKER_DB_URL is not set');

const config = loadConfig({ DATABASE_URL: url, FIREBREAK_LOG_LEVEL: 'silent' });
const database = openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 6 });
const log = createLogger(process.env.FIREBREAK_TEST_LOG ?? 'silent');
const ctx: AppContext = {
  config,
  db: database.db,
  dialect: database.dialect,
  clock: systemClock,
  log,
  events: new EventBus(),
  secretKey: 'worker-secret-key-0123456789abcdef0123456789',
};

const scheduler = new Scheduler({
  ctx,
  workerId: name,
  concurrency: 4,
  handlers: {
    'record-run': async (job) => {
      await sql`insert into job_runs (job_id, worker) values (${job.id}, ${name})`.execute(ctx.db);
    },
  },
});
scheduler.start();
process.stdout.write('ready\n');

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await scheduler.stop();
  await database.close();
  process.stdout.write('stopped\n');
  process.exit(0);
}
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'stop') void shutdown();
});
input.on('close', () => void shutdown());
