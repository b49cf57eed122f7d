import type { Page } from '@firebreak/shared';
import type { SelectQueryBuilder } from 'kysely';

/**
 * Keyset pagination on a text id column: stable under inserts, and as fast on page 100 as on page 1.
 * Ids are UUIDv7, so id order is creation order. The cursor is the last id of the previous page.
 *
 * @example
 * const page = await keysetPage(db.selectFrom('services').selectAll(), 'id', query, (row) => row.id);
 */
export async function keysetPage<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  column: string,
  page: { limit: number; cursor?: string | undefined },
  idOf: (row: Row) => string,
): Promise<Page<Row>> {
  let q = query.orderBy(column as never).limit(page.limit + 1);
  if (page.cursor) q = q.where(column as never, '>', page.cursor as never);
  const rows = await q.execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? idOf(last) : null };
}
