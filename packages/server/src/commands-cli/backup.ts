import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { StartupError } from '../runtime/errors.js';
import { configFrom, EXIT, serverAction } from './run.js';

// Backups of the embedded SQLite database use SQLite's online backup API, which copies a
// consistent snapshot page by page while the server keeps reading and writing. PostgreSQL has
// its own, better tools (pg_dump / pg_restore, or base backups with WAL archiving): we print the
// command rather than wrap it.

/** The migration every Firebreak database has; its presence tells a Firebreak backup from any SQLite file. */
const FIRST_MIGRATION = '2026-11-23-001-foundation';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Back up the database: an online copy of SQLite (safe while serving); for PostgreSQL, prints the pg_dump command',
    )
    .option('--out <file>', 'where to write the copy (default: <data dir>/backups/firebreak-<time>.db)')
    .action(
      serverAction(async (options: { out?: string }) => {
        const config = configFrom();
        if (isPostgres(config)) {
          process.stdout.write(pgDumpInstructions());
          return;
        }
        const out = options.out ?? path.join(config.dataDir, 'backups', `firebreak-${stamp()}.db`);
        const { bytes } = await backupSqlite(sqliteFileOf(config), out);
        process.stdout.write(`Backed up ${sqliteFileOf(config)} to ${path.resolve(out)} (${bytes} bytes).\n`);
      }),
    );

  program
    .command('restore')
    .description('Replace the SQLite database with a backup (stop the server first); PostgreSQL: use pg_restore')
    .argument('<file>', 'a backup written by `firebreak backup`')
    .option('--force', 'replace an existing database (it is kept beside it as firebreak.db.before-restore-<time>)')
    .action(
      serverAction(async (file: string, options: { force?: boolean }) => {
        const config = configFrom();
        if (isPostgres(config)) {
          process.stderr.write(`Firebreak does not restore PostgreSQL itself.\n${pgDumpInstructions()}`);
          process.exitCode = EXIT.failed;
          return;
        }
        const target = sqliteFileOf(config);
        const { previous } = await restoreSqlite(file, target, { force: options.force === true });
        process.stdout.write(
          `Restored ${path.resolve(file)} into ${target}.${previous ? `\nThe replaced database is kept as ${previous}.` : ''}\n` +
            'Start the server; it applies any newer migrations at start-up.\n',
        );
      }),
    );
}

/**
 * Copies a live SQLite database to `out` with the online backup API. The copy is written beside
 * its destination and renamed into place once checked, so a half-written file never looks like a backup.
 *
 * @example
 * await backupSqlite('/var/lib/firebreak/firebreak.db', '/backups/firebreak-2026-11-23.db');
 */
export async function backupSqlite(source: string, out: string): Promise<{ bytes: number }> {
  if (!existsSync(source)) throw new StartupError(`No database at ${source}: nothing to back up.`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  try {
    checkFirebreakDatabase(partial);
    // It holds password and token hashes: owner-only, like the database itself.
    chmodSync(partial, 0o600);
    syncFile(partial);
    renameSync(partial, out);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return { bytes: statSync(out).size };
}

/**
 * Replaces `target` with the backup `file`: refuses a file that is not a sound Firebreak
 * database, refuses while another process has the database open, needs `force` to replace an
 * existing database (kept beside it under a new name), and swaps the file in with one rename.
 */
export async function restoreSqlite(
  file: string,
  target: string,
  options: { force: boolean },
): Promise<{ previous: string | null }> {
  if (!existsSync(file)) throw new StartupError(`No backup at ${file}.`);
  checkFirebreakDatabase(file);
  const exists = existsSync(target);
  if (exists && !options.force) {
    throw new StartupError(
      `${target} exists. Pass --force to replace it; it will be kept as ${path.basename(target)}.before-restore-<time>.`,
    );
  }
  if (exists) settleWal(target);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 });
  // A fresh single-file copy beside the target, so the final rename stays on one file system.
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming);
  } finally {
    source.close();
  }
  chmodSync(incoming, 0o600);
  syncFile(incoming);
  let previous: string | null = null;
  if (exists) {
    previous = `${target}.before-restore-${stamp()}`;
    linkSync(target, previous);
  }
  renameSync(incoming, target);
  return { previous };
}

/**
 * Folds the write-ahead log into the database file and checks that nobody else has it open:
 * SQLite deletes `-wal` when the last connection closes, so a `-wal` that survives our own close
 * means a server (or another tool) still uses the database.
 */
function settleWal(target: string): void {
  const db = new SQLite(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (existsSync(`${target}-wal`) || existsSync(`${target}-shm`)) {
    throw new StartupError(`${target} is in use (is the server running?). Stop the server, then restore.`);
  }
}

function checkFirebreakDatabase(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') {
    throw new StartupError(`${file} is not a SQLite database, so not a Firebreak backup.`);
  }
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    const first = table ? db.prepare('select 1 from kysely_migration where name = ?').get(FIRST_MIGRATION) : undefined;
    if (!first) throw new StartupError(`${file} is a SQLite database but not a Firebreak one (no migrations table).`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StartupError(`${file} is damaged: ${String(check)}.`);
  } finally {
    db.close();
  }
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const isPostgres = (config: Config) => /^postgres(ql)?:/.test(config.databaseUrl ?? '');

/** Where the embedded database lives; the same rule openDatabase follows. */
export function sqliteFileOf(config: Config): string {
  const url = config.databaseUrl;
  return path.resolve(
    url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(config.dataDir, 'firebreak.db'),
  );
}

function pgDumpInstructions(): string {
  const file = `firebreak-${stamp()}.dump`;
  return [
    'This server uses PostgreSQL: back it up with pg_dump (consistent while Firebreak runs):',
    '',
    `  pg_dump --format=custom --no-owner --file=${file} "$DATABASE_URL"`,
    '',
    'Restore into an empty database with Firebreak stopped:',
    '',
    `  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" ${file}`,
    '',
    'See docs/security.md ("Backups") for point-in-time recovery with WAL archiving.',
    '',
  ].join('\n');
}

/** A file-name-safe UTC time, e.g. 20261123T101500Z. */
const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
