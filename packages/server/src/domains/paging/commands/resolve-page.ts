import type { AppContext } from '../../../core/context.js';
import { cancelUnsent } from '../notifications.repo.js';
import { updatePage } from '../pages.repo.js';
import { actorIdOf, type PageBy, requireResponder } from '../paging.policy.js';
import { viaLink } from './acknowledge-page.js';
import { changePage } from './change-page.js';
import { cancelNextStep, writeLog } from './steps.js';

/** The page is over: its run ends, nothing more is sent. Resolving a resolved page changes nothing. */
export async function resolvePage(ctx: AppContext, pageId: string, by: PageBy): Promise<void> {
  requireResponder(by, 'resolve pages');
  const userId = actorIdOf(by);
  const changed = await changePage(ctx, pageId, by, async (trx, page, now) => {
    if (page.status === 'resolved') return false;
    await updatePage(trx, page.id, { status: 'resolved', resolved_at: now, resolved_by: userId, updated_at: now });
    await cancelNextStep(trx, page);
    await cancelUnsent(trx, page.id);
    await writeLog(trx, page.id, now, 'resolved', userId, `Resolved${viaLink(by)}`);
    return true;
  });
  if (changed) ctx.events.emit('page.resolved', { pageId, userId });
}
