import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from '../../src/commands-cli/backup.js';
import { type Database, openSqlite } from '../../src/core/db/database.js';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import { newId } from '../../src/core/ids.js';
import '../../src/domains/directory/directory.model.js';
import { createTestDatabase, describeEachDialect } from '../harness.js';
import { runFirebreak } from '../runtime/process.js';

async function addService(database: Database, name: string): Promise<void> {
  await database.db
    .insertInto('services')
    .values({
      id: newId(),
      name,
      slug: name.toLowerCase(),
      description: '',
      team_id: null,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
}

const serviceNames = async (database: Database) =>
  (await database.db.selectFrom('services').select('name').orderBy('name').execute()).map((r) => r.name);

describe('backup and restore of the embedded database', () => {
  let dir: string;
  let file: string;
  let live: Database;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'firebreak-backup-'));
    file = path.join(dir, 'firebreak.db');
    live = openSqlite(file);
    await migrateToLatest(live.db);
  });
  afterAll(async () => {
    await live.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips: the restored database is as it was at backup time', async () => {
    await addService(live, 'Checkout');
    await addService(live, 'Search');
    // The server is still running: these commits may sit in the write-ahead log, not the main file.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const backup = path.join(dir, 'backups', 'one.db');
    const { bytes } = await backupSqlite(file, backup);
    expect(bytes).toBeGreaterThan(0);

    await live.db.deleteFrom('services').where('name', '=', 'Checkout').execute();
    await addService(live, 'Ledger');
    expect(await serviceNames(live)).toEqual(['Ledger', 'Search']);

    await expect(restoreSqlite(backup, file, { force: true })).rejects.toThrow(/in use/);
    await live.close();
    await expect(restoreSqlite(backup, file, { force: false })).rejects.toThrow(/--force/);
    const { previous } = await restoreSqlite(backup, file, { force: true });

    live = openSqlite(file);
    expect(await serviceNames(live)).toEqual(['Checkout', 'Search']);
    // The replaced database is kept, whole.
    const kept = openSqlite(previous!);
    expect(await serviceNames(kept)).toEqual(['Ledger', 'Search']);
    await kept.close();
  });

  it('refuses files that are not Firebreak backups', async () => {
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text long enough');
    await expect(restoreSqlite(text, path.join(dir, 'other.db'), { force: true })).rejects.toThrow(/not a SQLite/);
    const foreign = path.join(dir, 'foreign.db');
    const db = new SQLite(foreign);
    db.exec('create table t (x integer)');
    db.close();
    await expect(restoreSqlite(foreign, path.join(dir, 'other.db'), { force: true })).rejects.toThrow(
      /not a Firebreak/,
    );
    expect(existsSync(path.join(dir, 'other.db'))).toBe(false);
  });
});

describeEachDialect('firebreak backup / restore commands', (dialect) => {
  let dir: string;
  let env: Record<string, string>;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'firebreak-backup-cli-'));
    env = { FIREBREAK_DATA_DIR: dir };
    if (dialect === 'postgres') {
      const database = await createTestDatabase('postgres');
      env.DATABASE_URL = database.url;
      dropDatabase = () => database.close();
    }
  });
  afterAll(async () => {
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  if (dialect === 'postgres') {
    it('prints the pg_dump command instead of copying PostgreSQL', async () => {
      const run = await runFirebreak(['backup'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/pg_dump --format=custom .*"\$DATABASE_URL"/);
      expect(run.stdout).not.toContain(env.DATABASE_URL);
    });
    return;
  }

  it('backs up, refuses to overwrite without --force, and restores with it', async () => {
    expect((await runFirebreak(['migrate'], env)).code).toBe(0);
    const out = path.join(dir, 'copy.db');
    const backup = await runFirebreak(['backup', '--out', out], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`to ${out}`);

    const refused = await runFirebreak(['restore', out], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');

    const restored = await runFirebreak(['restore', out, '--force'], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/kept as .*before-restore-/);
  }, 120_000);
});
