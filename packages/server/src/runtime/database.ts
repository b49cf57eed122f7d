import { mkdirSync } from 'node:fs';
import type { Config } from '../core/config.js';
import { type Database, openDatabase, pingDatabase } from '../core/db/database.js';
import { StartupError } from './errors.js';

/**
 * Opens the configured database and checks that it answers, so a wrong DATABASE_URL fails at
 * start-up with the database named (host and name or file, never the password).
 */
export async function openReachableDatabase(config: Config): Promise<Database> {
  const where = describeTarget(config);
  let database: Database;
  try {
    // Private: the database holds password and token hashes.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    throw new StartupError(`Cannot open the database (${where}): ${scrub(err, config)}`);
  }
  try {
    await pingDatabase(database.db);
  } catch (err) {
    await database.close().catch(() => {});
    throw new StartupError(
      `Cannot reach the database (${database.describe}): ${scrub(err, config)}.\n` +
        'Check DATABASE_URL and that the database server is running and accepts connections.',
    );
  }
  return database;
}

function describeTarget(config: Config): string {
  if (!config.databaseUrl?.startsWith('postgres')) return `SQLite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

// Driver messages do not normally carry the password, but a malformed URL can be echoed back.
function scrub(err: unknown, config: Config): string {
  const message = errorText(err);
  const password = safePassword(config.databaseUrl);
  return password ? message.split(password).join('***') : message;
}

function safePassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

// Node reports a refused connection to a name with several addresses as an AggregateError with no message.
function errorText(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: { message?: string }[] } | undefined;
  return e?.message || e?.errors?.map((x) => x.message).join('; ') || e?.code || String(err);
}
