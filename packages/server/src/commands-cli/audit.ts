import { existsSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database, Tables } from '../core/db/database.js';
import { verifyAuditChain } from '../domains/audit/index.js';
import { openReachableDatabase } from '../runtime/database.js';
import { StartupError } from '../runtime/errors.js';
import { configFrom, EXIT, serverAction } from './run.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Work with the audit log, offline, on the local database');
  audit
    .command('verify')
    .description(
      'Recompute the audit log’s hash chain; prints OK and the entry count, or the first broken entry (exit 1)',
    )
    .option('--file <sqlite-file>', 'verify a SQLite backup instead of the configured database')
    .action(
      serverAction(async (options: { file?: string }) => {
        // Read-only: no migrations, so verifying a backup never changes it.
        const database = options.file ? openReadOnly(options.file) : await openReachableDatabase(configFrom());
        try {
          const result = await verifyAuditChain(database.db).catch((err: unknown) => {
            throw new StartupError(`Cannot read the audit log of ${database.describe}: ${(err as Error).message}`);
          });
          if (result.ok) {
            process.stdout.write(
              `OK: ${result.entries} audit entries verified in ${database.describe}.` +
                (result.headHash ? `\nHead hash: ${result.headHash}\n` : '\n'),
            );
            return;
          }
          process.stdout.write(
            `BROKEN: audit entry #${result.broken!.seq}: ${result.broken!.reason}.\n` +
              `${result.entries} entries before it verify.\n`,
          );
          process.exitCode = EXIT.failed;
        } finally {
          await database.close();
        }
      }),
    );
}

/** A backup file, opened so that nothing (not even the journal mode) is written to it. */
function openReadOnly(file: string): Database {
  if (!existsSync(file)) throw new StartupError(`No database file at ${file}.`);
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', describe: `SQLite ${path.resolve(file)}`, close: () => db.destroy() };
}
