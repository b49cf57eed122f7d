import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { DurableSqliteDialect } from './sqlite-driver.js';
import { ThreadWriteLock } from './thread-write-lock.js';

/**
 * Every table's row type. Each domain adds its own tables by declaration merging
 * in its model file:
 *
 * @example
 * declare module '../../core/db/database.js' {
 *   interface Tables { services: ServicesTable }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each domain
export interface Tables {}

export type DB = Kysely<Tables>;
/** Either the database or an open transaction: repo functions take this. */
export type Executor = Kysely<Tables> | Transaction<Tables>;
export type Dialect = 'sqlite' | 'postgres';

export type Database = {
  db: DB;
  dialect: Dialect;
  /** For logs: the SQLite file or the PostgreSQL host/database, never a password. */
  describe: string;
  close(): Promise<void>;
};

// PostgreSQL returns BIGINT (our epoch-ms columns and count(*)) as strings; epoch ms fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type OpenOptions = { databaseUrl?: string; dataDir: string; poolSize?: number };

/**
 * Opens the embedded SQLite database (default) or PostgreSQL when `databaseUrl` is postgres://.
 *
 * @example
 * const { db, dialect } = openDatabase({ dataDir: './data' });
 */
export function openDatabase(options: OpenOptions): Database {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:/.test(url)) return openPostgres(url, options.poolSize ?? 10);
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(options.dataDir, 'firebreak.db');
  return openSqlite(file);
}

/** The file and write lock of an open SQLite database, for a worker thread writing to the same file. */
export type SqliteFile = { file: string; lock: ThreadWriteLock };
const sqliteFiles = new WeakMap<DB, SqliteFile>();

/** The SQLite file `db` has open, or undefined (PostgreSQL, or an in-memory database). */
export const sqliteFileOf = (db: DB): SqliteFile | undefined => sqliteFiles.get(db);

/**
 * Opens a SQLite file. `syncedByCaller` is for the ingest thread: its driver neither syncs nor takes
 * the write lock; the thread does both itself (alerts/ingest/commit-worker.ts).
 */
export function openSqlite(file: string, options: { syncedByCaller?: boolean } = {}): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL, because the driver syncs the WAL itself after each commit, off the event loop: a
  // commit that was acknowledged survives power loss, not only a process crash (sqlite-driver.ts).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const lock = file === ':memory:' || options.syncedByCaller ? undefined : new ThreadWriteLock();
  const db = new Kysely<Tables>({
    dialect: new DurableSqliteDialect(sqlite, file, { lock, sync: options.syncedByCaller ? 'caller' : undefined }),
  });
  if (lock) sqliteFiles.set(db, { file: path.resolve(file), lock });
  return {
    db,
    dialect: 'sqlite',
    describe: `SQLite ${path.resolve(file)}`,
    close: () => db.destroy(),
  };
}

export function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // A dropped connection must not crash the process; the next query reports it and /readyz fails.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    describe: `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    close: () => db.destroy(),
  };
}

/** Throws when the database does not answer; used by /readyz and start-up. */
export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '3D000', // database does not exist (dropped under us)
  '53300', // too many connections
  '55000', // object not in prerequisite state: "not currently accepting connections"
  'SQLITE_BUSY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** True for errors meaning "the database is unreachable", which become 503, not 500. */
export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: string; message?: string };
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections/i.test(
    message ?? '',
  );
}
