import { sql, type Transaction } from 'kysely';
import type { DB, Dialect, Executor, Tables } from '../db/database.js';
import { Batches, type Settled } from './batches.js';
import { signalJobsChanged } from './wakeup.js';

// Group commit on SQLite for the write path of paging and the scheduler: transactions started
// while earlier ones are being written share one transaction and one commit.
//
// SQLite has one writer, and every commit waits for an fsync while holding the only connection, so
// one commit per job or per page caps a process at a few hundred writes a second, far below a burst
// of pages (each causes several writes). Members of a group run one after another, as they would
// anyway, each in its own savepoint, so a failure undoes only its own writes; a member's promise
// settles only after the commit that holds its writes, so "resolved" still means "durably stored".
//
// PostgreSQL commits concurrent transactions of separate connections together by itself. Sharing a
// transaction there was measured and made things worse: a group runs its members' statements one
// after another on one connection, each waiting a turn of a busy event loop, while the other pooled
// connections (and the reads queued for them) sit idle. There `transact` is a plain transaction.

type Where = { db: DB; dialect: Dialect };
type Work<T> = (trx: Transaction<Tables>) => Promise<T>;

/** Members per group, bounding how long one shared transaction holds the connection. */
const MAX_GROUP = 256;

/**
 * Runs `work` in a transaction; on SQLite together with every other transaction started through
 * here while the previous group commits. Resolves after the commit; jobs it enqueued then wake this
 * process's schedulers. `work` must only use `trx` (on SQLite a query through `ctx.db` inside it
 * would wait for the connection the group holds) and must not wait for anything but the database.
 *
 * @example
 * await transact(ctx, async (trx) => {
 *   await insertPage(trx, row);
 *   await enqueueJob(trx, ctx.clock, { kind: 'page-escalate', payload });
 * });
 */
export function transact<T>(where: Where, work: Work<T>): Promise<T> {
  return where.dialect === 'sqlite' ? (groupOf(where.db).add(work) as Promise<T>) : inTransaction(where.db, work);
}

/**
 * One write statement: on SQLite it joins the next shared commit instead of paying for an fsync of
 * its own; on PostgreSQL it runs as it is (a transaction would only add round trips).
 */
export function writeStatement<T>(where: Where, work: (ex: Executor) => Promise<T>): Promise<T> {
  return where.dialect === 'sqlite' ? (groupOf(where.db).add(work) as Promise<T>) : work(where.db);
}

/**
 * For `enqueueJob`: true when `ex` is a transaction of `transact`, which wakes the schedulers of
 * this process once it has committed (a claim before that could not see the job); false means
 * "wake them yourself".
 */
export function wakesAfterCommit(ex: Executor): boolean {
  const state = watched.get(ex);
  if (state) state.enqueued = true;
  return state !== undefined;
}

/** How many shared commits a SQLite database has made here, for how many members (zeros elsewhere). */
export function groupCommitStats(db: DB): { commits: number; members: number } {
  return { ...(groups.get(db)?.stats ?? { commits: 0, members: 0 }) };
}

const groups = new WeakMap<DB, CommitGroups>();

function groupOf(db: DB): CommitGroups {
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroups(db);
    groups.set(db, group);
  }
  return group;
}

const watched = new WeakMap<Executor, { enqueued: boolean }>();

/** Runs `body` in a transaction whose enqueued jobs wake this process's schedulers after the commit. */
async function inTransaction<T>(db: DB, body: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  const state = { enqueued: false };
  const result = await db.transaction().execute((trx) => {
    watched.set(trx, state);
    return body(trx);
  });
  if (state.enqueued) signalJobsChanged();
  return result;
}

class CommitGroups {
  readonly stats = { commits: 0, members: 0 };
  private readonly batches: Batches<Work<unknown>, unknown>;

  constructor(db: DB) {
    this.batches = new Batches(async (works) => {
      const outcomes = await inTransaction(db, (trx) => eachInSavepoint(trx, works));
      this.stats.commits++;
      this.stats.members += works.length;
      return outcomes;
    }, MAX_GROUP);
  }

  add(work: Work<unknown>): Promise<unknown> {
    return this.batches.submit(work);
  }
}

async function eachInSavepoint(trx: Transaction<Tables>, works: Work<unknown>[]): Promise<Settled<unknown>[]> {
  const outcomes: Settled<unknown>[] = [];
  for (const work of works) {
    await sql`savepoint group_member`.execute(trx);
    try {
      const value = await work(trx);
      await sql`release group_member`.execute(trx);
      outcomes.push({ ok: true, value });
    } catch (error) {
      await sql`rollback to group_member`.execute(trx);
      await sql`release group_member`.execute(trx);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
