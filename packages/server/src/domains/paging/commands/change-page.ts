import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { AppError, notFound } from '../../../core/errors.js';
import { lockPage, type PageRow } from '../pages.repo.js';
import { actorIdOf, type PageBy } from '../paging.policy.js';

/** A signed link that was already used: nothing changes. */
export const linkUsed = () =>
  new AppError(403, 'link_already_used', 'This link was already used. Open the page in Firebreak to act on it.');

/**
 * Runs one change to a page in a transaction holding its row, after spending the signed link it
 * came through (if any) in the same transaction: a failed change leaves the link unused, and a
 * used link changes nothing.
 */
export async function changePage<T>(
  ctx: AppContext,
  pageId: string,
  by: PageBy,
  apply: (trx: Executor, page: PageRow, now: number) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const page = await lockPage(trx, ctx.dialect, pageId);
    if (!page) throw notFound('page', pageId);
    if (by !== 'system' && by.via === 'link') {
      const spent = await trx
        .insertInto('page_link_uses')
        .values({ link_id: by.linkId, page_id: pageId, user_id: actorIdOf(by), action: by.action, used_at: now })
        .onConflict((oc) => oc.column('link_id').doNothing())
        .returning('link_id')
        .executeTakeFirst();
      if (!spent) throw linkUsed();
    }
    return apply(trx, page, now);
  });
}
