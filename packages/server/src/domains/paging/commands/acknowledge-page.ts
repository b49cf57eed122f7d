import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { cancelUnsent } from '../notifications.repo.js';
import { acknowledgeRecipients, updatePage } from '../pages.repo.js';
import { actorIdOf, type PageBy, requireResponder } from '../paging.policy.js';
import { changePage } from './change-page.js';
import { cancelNextStep, writeLog } from './steps.js';

/**
 * Someone is on it: the escalation stops (the next level's job and every notification not yet
 * sent are cancelled). Acknowledging an acknowledged page changes nothing.
 */
export async function acknowledgePage(ctx: AppContext, pageId: string, by: PageBy): Promise<void> {
  requireResponder(by, 'acknowledge pages');
  const userId = actorIdOf(by);
  const changed = await changePage(ctx, pageId, by, async (trx, page, now) => {
    if (page.status === 'resolved') throw conflict('page_already_resolved', 'This page is already resolved.');
    if (page.status === 'acknowledged') return false;
    await updatePage(trx, page.id, {
      status: 'acknowledged',
      acknowledged_at: now,
      acknowledged_by: userId,
      updated_at: now,
    });
    await cancelNextStep(trx, page);
    await cancelUnsent(trx, page.id);
    await acknowledgeRecipients(trx, page.id, now, userId);
    await writeLog(trx, page.id, now, 'acknowledged', userId, `Acknowledged${viaLink(by)}`);
    return true;
  });
  if (changed) ctx.events.emit('page.acknowledged', { pageId, userId });
}

export const viaLink = (by: PageBy) => (by !== 'system' && by.via === 'link' ? ' through a notification link' : '');
