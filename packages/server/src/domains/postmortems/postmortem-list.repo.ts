import type { PostmortemStatus } from '@firebreak/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor, Tables } from '../../core/db/database.js';
import { badRequest } from '../../core/errors.js';
import type { PostmortemRow } from './postmortems.model.js';

export type PostmortemFilter = {
  status?: PostmortemStatus | undefined;
  serviceId?: string | undefined;
  severityId?: string | undefined;
  tag?: string | undefined;
  factor?: string | undefined;
  ownerId?: string | undefined;
  /** A condition on `incidents` (full-text search through the incidents' index). */
  text?: Expression<SqlBool> | undefined;
  /** Only those overdue at this time. */
  overdueAt?: number | undefined;
};

type Eb = ExpressionBuilder<Tables & { postmortems: Tables['postmortems'] }, 'postmortems' | 'incidents'>;

/** Draft past its due time, or not yet published past the publish due time. */
export function overdueCondition(eb: Eb, now: number): Expression<SqlBool> {
  return eb.or([
    eb.and([eb('postmortems.status', '=', 'draft'), eb('postmortems.due_at', '<=', now)]),
    eb.and([eb('postmortems.status', '!=', 'published'), eb('postmortems.publish_due_at', '<=', now)]),
  ]);
}

/** Newest first (ids are time-ordered); the cursor is the last id of the previous page. */
export async function listPostmortemRows(
  ex: Executor,
  filter: PostmortemFilter,
  visible: Expression<SqlBool>,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ rows: PostmortemRow[]; nextCursor: string | null }> {
  let q = ex
    .selectFrom('postmortems')
    .innerJoin('incidents', 'incidents.id', 'postmortems.incident_id')
    .selectAll('postmortems')
    .where(visible);
  if (filter.status) q = q.where('postmortems.status', '=', filter.status);
  if (filter.ownerId) q = q.where('postmortems.owner_id', '=', filter.ownerId);
  if (filter.severityId) q = q.where('incidents.severity_id', '=', filter.severityId);
  if (filter.text) q = q.where(filter.text);
  if (filter.overdueAt !== undefined) {
    const now = filter.overdueAt;
    q = q.where((eb) => overdueCondition(eb as unknown as Eb, now));
  }
  const { serviceId, tag, factor } = filter;
  if (serviceId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_services as ps')
          .select('ps.incident_id')
          .whereRef('ps.incident_id', '=', 'incidents.id')
          .where('ps.service_id', '=', serviceId),
      ),
    );
  }
  if (tag) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('postmortem_tags as pt')
          .select('pt.tag')
          .whereRef('pt.postmortem_id', '=', 'postmortems.id')
          .where('pt.tag', '=', tag),
      ),
    );
  }
  if (factor) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('postmortem_factors as pf')
          .select('pf.id')
          .whereRef('pf.postmortem_id', '=', 'postmortems.id')
          .where('pf.category', '=', factor),
      ),
    );
  }
  if (page.cursor) {
    if (!/^[\w-]{1,64}$/.test(page.cursor))
      throw badRequest('invalid_cursor', 'The cursor is not one this list returned.');
    q = q.where('postmortems.id', '<', page.cursor);
  }
  const rows = await q
    .orderBy('postmortems.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { rows: items, nextCursor: rows.length > page.limit && last ? last.id : null };
}

export const noCondition = sql<SqlBool>`1 = 1`;
