import type { Dialect, Executor } from '../../core/db/database.js';
import type { PageLogTable, PageRecipientsTable, PageStepsTable, PagesTable } from './paging.model.js';
import './paging.model.js';

// Queries only: pages, their steps, their log and who they reached.

export type PageRow = PagesTable;
export type StepRow = PageStepsTable;
export type LogRow = PageLogTable;

export const getPage = (ex: Executor, id: string) =>
  ex.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();

/** Reads the page inside a transaction, holding its row on PostgreSQL (SQLite has one writer anyway). */
export function lockPage(ex: Executor, dialect: Dialect, id: string) {
  const q = ex.selectFrom('pages').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export const findOpenByDedupKey = (ex: Executor, dedupKey: string) =>
  ex
    .selectFrom('pages')
    .selectAll()
    .where('dedup_key', '=', dedupKey)
    .where('status', '<>', 'resolved')
    .executeTakeFirst();

export const insertPages = (ex: Executor, rows: PageRow[]) => ex.insertInto('pages').values(rows).execute();

export const updatePage = (ex: Executor, id: string, changes: Partial<Omit<PageRow, 'id'>>) =>
  ex.updateTable('pages').set(changes).where('id', '=', id).execute();

/** Inserts the steps that did not run yet (unique per page and step); answers the ids it inserted. */
export async function insertSteps(ex: Executor, rows: StepRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await ex
    .insertInto('page_steps')
    .values(rows)
    .onConflict((oc) => oc.columns(['page_id', 'step']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((row) => row.id));
}

export const listSteps = (ex: Executor, pageId: string) =>
  ex.selectFrom('page_steps').selectAll().where('page_id', '=', pageId).orderBy('step').execute();

export const insertLog = (ex: Executor, rows: LogRow | LogRow[]) => ex.insertInto('page_log').values(rows).execute();

export const listLog = (ex: Executor, pageId: string) =>
  ex.selectFrom('page_log').selectAll().where('page_id', '=', pageId).orderBy('at').orderBy('id').execute();

/** The first time a page reaches a person counts; later steps reaching them again do not. */
export async function insertRecipients(ex: Executor, rows: PageRecipientsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await ex
    .insertInto('page_recipients')
    .values(rows)
    .onConflict((oc) => oc.columns(['page_id', 'user_id']).doNothing())
    .execute();
}

/** Marks the acknowledgement on every recipient row of the page (time to acknowledge, per person). */
export async function acknowledgeRecipients(ex: Executor, pageId: string, at: number, byUserId: string | null) {
  await ex
    .updateTable('page_recipients')
    .set({ acknowledged_at: at })
    .where('page_id', '=', pageId)
    .where('acknowledged_at', 'is', null)
    .execute();
  if (byUserId) {
    await ex
      .updateTable('page_recipients')
      .set({ acknowledged_by_recipient: 1 })
      .where('page_id', '=', pageId)
      .where('user_id', '=', byUserId)
      .execute();
  }
}

export type PageFilter = {
  userId?: string | undefined;
  status?: 'open' | 'triggered' | 'acknowledged' | 'resolved' | undefined;
  limit: number;
  cursor?: string | undefined;
};

/** Newest first; the cursor is the last id of the previous page (ids are time-ordered). */
export async function listPages(ex: Executor, filter: PageFilter) {
  let q = ex
    .selectFrom('pages')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.cursor) q = q.where('id', '<', filter.cursor);
  if (filter.status === 'open') q = q.where('status', '<>', 'resolved');
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.userId) {
    const userId = filter.userId;
    q = q.where((eb) =>
      eb.or([
        eb('created_by', '=', userId),
        eb('id', 'in', eb.selectFrom('page_recipients').select('page_id').where('user_id', '=', userId)),
      ]),
    );
  }
  const rows = await q.execute();
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function userNames(ex: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
