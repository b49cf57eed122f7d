import { sql } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import type { AuditLogTable } from './audit.model.js';

export type AuditRow = AuditLogTable;

export type AuditFilter = {
  actorUserId?: string;
  since?: number;
  until?: number;
  /** Exact route pattern, or a prefix when it ends with `*`. */
  route?: string;
};

export const getLastEntry = (ex: Executor) =>
  ex.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();

export const insertEntry = (ex: Executor, row: AuditRow) => ex.insertInto('audit_log').values(row).execute();

/** Newest first; keyset on `seq`, which is the chain order. */
export async function listEntries(
  ex: Executor,
  filter: AuditFilter,
  page: { limit: number; beforeSeq?: number },
): Promise<AuditRow[]> {
  let q = ex.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(page.limit);
  if (page.beforeSeq !== undefined) q = q.where('seq', '<', page.beforeSeq);
  if (filter.actorUserId) q = q.where('actor_user_id', '=', filter.actorUserId);
  if (filter.since !== undefined) q = q.where('at', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('at', '<', filter.until);
  if (filter.route) {
    q = filter.route.endsWith('*')
      ? q.where(sql<string>`substr(route, 1, ${filter.route.length - 1})`, '=', filter.route.slice(0, -1))
      : q.where('route', '=', filter.route);
  }
  return q.execute();
}

/** Oldest first, a batch at a time, for verification. */
export const listChainBatch = (ex: Executor, afterSeq: number, limit: number) =>
  ex.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
