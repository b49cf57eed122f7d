import { closeSync, fdatasync as fdatasyncCallback, fstatSync, openSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import type { ThreadWriteLock } from './thread-write-lock.js';

// Kysely's own SQLite driver costs two things that matter at thousands of writes a second: it
// prepares every statement anew, and with `synchronous = FULL` every commit's fsync blocks the event
// loop (one to two milliseconds in which no request is read or answered). This driver keeps
// prepared statements, and runs SQLite with `synchronous = NORMAL` while doing the fsync itself: a
// commit awaits an fdatasync of the WAL file on libuv's thread pool before it resolves. The caller
// hears "committed" only once the commit is on disk — the guarantee FULL gives — but the event loop
// goes on meanwhile. The connection stays held until the sync is done, so nothing on it reads a
// commit that is not durable yet. (Batching many writes into one commit is the callers' business:
// see the alerts ingest queue, whose thread syncs by itself with `walSyncer`.) With a `lock`, the
// connection takes the process's SQLite write lock before it writes or begins a transaction, and
// frees it once the work is durable (thread-write-lock.ts).

const STATEMENT_CACHE_SIZE = 500;
const fdatasync = promisify(fdatasyncCallback);
const BEGIN = /^\s*begin\b/i;

export type DurableSqliteOptions = {
  /** How a commit is made durable: fdatasync on the thread pool (default), or by the caller (`walSyncer`). */
  sync?: ((file: string) => Promise<void>) | 'caller';
  /** The write lock shared with the process's other threads writing to this file. */
  lock?: ThreadWriteLock;
};

/**
 * The dialect for a better-sqlite3 database in WAL mode; `file` is its path (':memory:' syncs nothing).
 *
 * @example
 * const db = new Kysely<Tables>({ dialect: new DurableSqliteDialect(sqlite, './data/firebreak.db') });
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly file: string,
    private readonly options: DurableSqliteOptions = {},
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    // Opened for each sync, unlike the ingest thread's WAL kept open (alerts/ingest/commit-thread.ts).
    // Kept open here too, a backlog of low-urgency jobs overtook a high-urgency page far more often
    // (test/reliability/overload.test.ts: 37-60 webhooks ahead of it instead of 3-29), for a reason
    // not yet understood.
    const sync = this.options.sync ?? datasync;
    const syncWal = this.file === ':memory:' || sync === 'caller' ? null : walSyncer(this.file, sync);
    return new DurableSqliteDriver(
      { database: this.sqlite },
      new CachedConnection(this.sqlite, syncWal, this.options.lock ?? null),
    );
  }
}

class DurableSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly connection: CachedConnection,
  ) {
    super(config);
  }

  // The base class keeps the one-connection mutex; the connection it hands out is ours.
  override async acquireConnection(): Promise<DatabaseConnection> {
    await super.acquireConnection();
    return this.connection;
  }
}

class CachedConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SQLite.Statement>();
  /** A write happened since the last durable point. */
  private dirty = false;
  private locked = false;

  constructor(
    private readonly db: SQLite.Database,
    private readonly syncWal: (() => Promise<void>) | null,
    private readonly lock: ThreadWriteLock | null,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(query.sql);
    if (this.lock && !this.locked && (!stmt.readonly || BEGIN.test(query.sql))) {
      await this.lock.acquire();
      this.locked = true;
    }
    try {
      const params = query.parameters as unknown[];
      let result: QueryResult<R>;
      if (stmt.reader) {
        result = { rows: stmt.all(params) as R[] };
      } else {
        const { changes, lastInsertRowid } = stmt.run(params);
        result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
      }
      // BEGIN and COMMIT count as read-only; the writes between them mark the transaction dirty, and
      // the statement that leaves no transaction open (COMMIT, or a write on its own) makes it durable.
      if (!stmt.readonly) this.dirty = true;
      if (this.dirty && !this.db.inTransaction) {
        this.dirty = false;
        await this.syncWal?.();
      }
      return result;
    } finally {
      if (this.locked && !this.db.inTransaction) {
        this.locked = false;
        this.lock!.release();
      }
    }
  }

  // Streams are rare and hold their statement while iterating: a fresh one each time.
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.db.prepare(query.sql);
    for (const row of stmt.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }

  private statement(sql: string): SQLite.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql); // re-inserted below: the map's order is least recently used first
    } else {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
    }
    this.statements.set(sql, stmt);
    return stmt;
  }
}

/** Syncs a SQLite file's WAL; `close` lets go of the file it keeps open. */
export type WalSync = { (): Promise<void>; close(): void };

/**
 * Syncs the WAL file, and once its directory too: the file's own entry must survive a power loss.
 * By default the WAL stays open between syncs (`KeptOpen`); a `sync` function given instead is
 * called with each path.
 */
export function walSyncer(file: string, sync?: (file: string) => Promise<void>): WalSync {
  const wal = `${path.resolve(file)}-wal`;
  const kept = sync ? null : new KeptOpen(wal);
  let directorySynced = false;
  const run = async () => {
    if (!directorySynced) {
      await (sync ?? datasync)(path.dirname(wal));
      directorySynced = true;
    }
    await (kept ? kept.datasync() : sync!(wal));
  };
  return Object.assign(run, { close: () => kept?.close() });
}

/**
 * A file kept open for fdatasync: opening and closing it for each sync cost two more trips through
 * libuv's thread pool, each waiting for a turn of the event loop. It is reopened when SQLite has
 * replaced it (another inode); when it is gone there is nothing to sync.
 */
class KeptOpen {
  private fd: number | null = null;
  private ino = -1;

  constructor(private readonly file: string) {}

  async datasync(): Promise<void> {
    const stat = statSync(this.file, { throwIfNoEntry: false });
    // No WAL file: everything was checkpointed into the database file, which SQLite synced.
    if (!stat) return;
    if (this.fd === null || stat.ino !== this.ino) {
      this.close();
      this.fd = openSync(this.file, 'r');
      this.ino = fstatSync(this.fd).ino;
    }
    await fdatasync(this.fd);
  }

  /** Only when no sync is running (the callers sync one at a time). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * A sync for several callers at once: callers that ask while one runs share the next one, which
 * starts after the running one ended, so it covers every write made before they asked.
 */
export function coalesced(sync: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = sync().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    const again = () => {
      next = null;
      return start();
    };
    next ??= running.then(again, again);
    return next;
  };
}

/** fdatasync on libuv's thread pool; a missing file (everything checkpointed) needs none. */
async function datasync(file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    // No WAL file: everything was checkpointed into the database file, which SQLite synced.
    if ((err as { code?: string }).code === 'ENOENT') return;
    throw err;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
