import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/core/db/database.js';
import { DurableSqliteDialect, walSyncer } from '../../src/core/db/sqlite-driver.js';

// The SQLite driver's promises: a commit resolves only after its WAL is synced (off the event
// loop), nothing reads past an unsynced commit, reads never sync, and statements are prepared once.

type Row = { id: number; note: string };
type Db = Kysely<{ notes: Row }>;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(sync?: (file: string) => Promise<void>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-sqlite-'));
  dirs.push(dir);
  const file = path.join(dir, 'test.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table notes (id integer primary key, note text not null)');
  const db: Db = new Kysely({ dialect: new DurableSqliteDialect(sqlite, file, { sync }) });
  return { db, sqlite, file };
}

/** A sync the test releases by hand, recording which files were synced. */
function heldSync() {
  const synced: string[] = [];
  const waiting: (() => void)[] = [];
  return {
    synced,
    sync: (file: string) => {
      synced.push(file);
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    pending: () => waiting.length,
  };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
};

describe('SQLite driver', () => {
  it('resolves a commit only after the WAL (and once its directory) is synced, and holds readers until then', async () => {
    const held = heldSync();
    const { db, file } = open(held.sync);
    const commit = db.transaction().execute((trx) => trx.insertInto('notes').values({ id: 1, note: 'a' }).execute());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.synced).toEqual([path.dirname(file)]);
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.synced).toEqual([path.dirname(file), `${file}-wal`]);
    const read = db.selectFrom('notes').selectAll().execute();
    expect(await settled(commit)).toBe(false);
    expect(await settled(read)).toBe(false); // the connection is still held by the commit
    held.release();
    await commit;
    expect(await read).toEqual([{ id: 1, note: 'a' }]);
    await db.destroy();
  });

  it('syncs once per committed transaction or lone write, never for reads or rolled-back work', async () => {
    const synced: string[] = [];
    const { db } = open(async (file) => {
      synced.push(file);
    });
    await db.selectFrom('notes').selectAll().execute();
    await sql`select 1`.execute(db);
    expect(synced).toHaveLength(0);
    await db.insertInto('notes').values({ id: 1, note: 'lone' }).execute();
    expect(synced).toHaveLength(2); // the directory, then the WAL
    await db.transaction().execute(async (trx) => {
      for (let id = 2; id < 7; id++) await trx.insertInto('notes').values({ id, note: 'batch' }).execute();
      await trx.selectFrom('notes').selectAll().execute();
    });
    expect(synced).toHaveLength(3);
    await db.transaction().execute((trx) => trx.selectFrom('notes').selectAll().execute());
    expect(synced).toHaveLength(3);
    const inserted = await db.insertInto('notes').values({ id: 9, note: 'returning' }).returning('id').execute();
    expect(inserted).toEqual([{ id: 9 }]);
    expect(synced).toHaveLength(4); // a write that returns rows is still a write
    await db.destroy();
  });

  it('fails the commit when the sync fails, so nobody is told it is durable', async () => {
    let fail = false;
    const { db } = open(async () => {
      if (fail) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    });
    await db.insertInto('notes').values({ id: 1, note: 'ok' }).execute();
    fail = true;
    await expect(db.insertInto('notes').values({ id: 2, note: 'lost?' }).execute()).rejects.toThrow(/EIO/);
    await db.destroy();
  });

  it('prepares each statement once', async () => {
    const { db, sqlite } = open(async () => {});
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof sqlite.prepare;
    for (let id = 1; id <= 50; id++) {
      await db
        .insertInto('notes')
        .values({ id, note: `n${id}` })
        .execute();
      await db.selectFrom('notes').select('note').where('id', '=', id).executeTakeFirstOrThrow();
    }
    expect(prepared).toHaveLength(2);
    expect(
      await db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 50,
    });
    await db.destroy();
  });

  it('keeps what was committed across a reopen, with the real fdatasync', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'firebreak.db');
    const first = openSqlite(file);
    await sql`create table notes (id integer primary key, note text not null)`.execute(first.db);
    await (first.db as unknown as Db).insertInto('notes').values({ id: 1, note: 'kept' }).execute();
    await first.close();
    const second = openSqlite(file);
    expect(await (second.db as unknown as Db).selectFrom('notes').selectAll().execute()).toEqual([
      { id: 1, note: 'kept' },
    ]);
    await second.close();
  });

  it('keeps the WAL open between syncs, follows it when it is replaced, and lets go on close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'kept.db');
    const wal = `${file}-wal`;
    // What this process holds open on the WAL's path: "…-wal", or "…-wal (deleted)" once replaced.
    const held = () =>
      readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          return target.startsWith(wal) ? [target] : [];
        } catch {
          return []; // closed while listing
        }
      });
    const sync = walSyncer(file);
    await sync(); // no WAL yet: nothing to sync
    expect(held()).toEqual([]);
    writeFileSync(wal, 'frames');
    await sync();
    await sync();
    expect(held()).toEqual([wal]); // one descriptor, kept
    rmSync(wal);
    writeFileSync(wal, 'new frames');
    await sync();
    expect(held()).toEqual([wal]); // the new file, not the deleted one
    sync.close();
    expect(held()).toEqual([]);
  });
});
