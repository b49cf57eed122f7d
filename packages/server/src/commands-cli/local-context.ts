import type { Config } from '../core/config.js';
import type { AppContext } from '../core/context.js';
import { migrateToLatest } from '../core/db/migrate.js';
import { createLogger } from '../core/logger.js';
import { createAppContext } from '../runtime/context.js';
import { openReachableDatabase } from '../runtime/database.js';

/**
 * Runs an offline command (user add, user link, token create) straight against the local database,
 * migrated first so it works on a fresh install. Logs go to stderr so stdout carries only the answer.
 */
export async function withLocalContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const database = await openReachableDatabase(config);
  try {
    await migrateToLatest(database.db);
    const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
    return await fn(createAppContext(config, database, log));
  } finally {
    await database.close();
  }
}
