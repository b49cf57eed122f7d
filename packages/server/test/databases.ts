import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import pg from 'pg';
import { type Clock, FakeClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import type { AppContext } from '../src/core/context.js';
import { type Database, type Dialect, openPostgres, openSqlite } from '../src/core/db/database.js';
import { migrateToLatest } from '../src/core/db/migrate.js';
import { migrations } from '../src/core/db/migrations/index.js';
import { EventBus } from '../src/core/events.js';
import { createLogger } from '../src/core/logger.js';

// Fresh databases and contexts for tests and benchmarks (no test-runner imports here, so bench/ can use it).

export const PG_URL = process.env.FIREBREAK_TEST_PG_URL;

/** FIREBREAK_OUTBOUND_ALLOW for tests: their webhook peers listen on loopback. */
export const LOOPBACK = '127.0.0.0/8,::1';

/** Migrates up to `upTo` (a migration's name, inclusive) or, without it, to the latest. */
async function migrate(db: Database['db'], upTo: string | undefined): Promise<void> {
  if (!upTo) {
    await migrateToLatest(db);
    return;
  }
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(upTo);
  if (error) throw error;
}

/**
 * A fresh, empty, migrated database of its own for one test file; with `upTo`, migrated only that
 * far (a test of a later migration on data as an earlier release stored it).
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { upTo?: string } = {},
): Promise<Database & { url: string }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-test-'));
    const file = path.join(dir, 'test.db');
    const database = openSqlite(file);
    await migrate(database.db, options.upTo);
    return {
      ...database,
      url: `sqlite:${file}`,
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!PG_URL) throw new Error('FIREBREAK_TEST_PG_URL is not set');
  const name = `fbt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 5);
  await migrate(database.db, options.upTo);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export type TestContext = AppContext & {
  clock: FakeClock;
  database: Database & { url: string };
  close(): Promise<void>;
};

/** An AppContext on a fresh database with a fake clock; logs are silent unless FIREBREAK_TEST_LOG is set. */
export async function createTestContext(
  dialect: Dialect,
  options: { clock?: FakeClock; upTo?: string } = {},
): Promise<TestContext> {
  const database = await createTestDatabase(dialect, options);
  const clock = options.clock ?? new FakeClock();
  const config = loadConfig({
    FIREBREAK_DATA_DIR: path.join(tmpdir(), 'firebreak-test-data'),
    FIREBREAK_LOG_LEVEL: 'silent',
    // Every peer in the tests listens on loopback, which production refuses by default.
    FIREBREAK_OUTBOUND_ALLOW: LOOPBACK,
  });
  const log = createLogger(process.env.FIREBREAK_TEST_LOG ?? 'silent');
  return {
    config,
    db: database.db,
    dialect,
    clock: clock as FakeClock & Clock,
    log,
    events: new EventBus((event, err) => log.error({ err, event }, 'event listener failed')),
    secretKey: 'test-secret-key-0123456789abcdef0123456789abcdef',
    database,
    close: () => database.close(),
  };
}
