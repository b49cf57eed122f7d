// A Firebreak scheduler in its own OS process, for process-kill.test.ts: it runs every domain's
// jobs against the database named by PAGING_WORKER_DB_URL on a sped-up clock shared with the test
// (PAGING_WORKER_CLOCK = "origin,realOrigin,speed"), prints "ready", and stops cleanly on "stop".
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/core/config.js';
import type { AppContext } from '../../src/core/context.js';
import { openDatabase } from '../../src/core/db/database.js';
import { EventBus } from '../../src/core/events.js';
import { createLogger } from '../../src/core/logger.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { LOOPBACK } from '../databases.js';
import { allJobHandlers } from './helpers.js';
import { scaledClock } from './scaled-clock.js';

const url = process.env.PAGING_WORKER_DB_URL;
const [origin, realOrigin, speed] = (process.env.PAGING_WORKER_CLOCK ?? '').split(',').map(Number);
if (!url || !origin || !realOrigin || !speed)
  throw new Error('PAGING_WORKER_DB_URL and PAGING_WORKER_CLOCK are required');

const config = loadConfig({ DATABASE_URL: url, FIREBREAK_LOG_LEVEL: 'silent', FIREBREAK_OUTBOUND_ALLOW: LOOPBACK });
const database = openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 4 });
const ctx: AppContext = {
  config,
  db: database.db,
  dialect: database.dialect,
  clock: scaledClock(origin, realOrigin, speed),
  log: createLogger(process.env.FIREBREAK_TEST_LOG ?? 'silent'),
  events: new EventBus(),
  secretKey: 'test-secret-key-0123456789abcdef0123456789abcdef',
};

// Leases are measured on the sped-up clock: give them 10 real seconds, so a handler slowed by a busy
// machine never loses its lease and runs twice, while a killed process's jobs free up soon enough.
const scheduler = new Scheduler({ ctx, handlers: allJobHandlers(), databaseUrl: url, leaseMs: 10_000 * speed });
scheduler.start();
process.stdout.write('ready\n');

createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line.trim() !== 'stop') return;
  await scheduler.stop();
  await database.close();
  process.exit(0);
});
