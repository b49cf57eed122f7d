import type { AppContext } from '../../core/context.js';
import { getGroupByPage } from './alerts.repo.js';
import { followPage } from './commands/change-alerts.js';

/**
 * A group follows its page: someone who acknowledges or resolves the page (from a notification
 * link, the paging API, the CLI) acknowledges or resolves the group and its alerts too.
 */
export function subscribeAlerts(ctx: AppContext): void {
  ctx.events.on('page.acknowledged', async ({ pageId, userId }) => {
    const group = await getGroupByPage(ctx.db, pageId);
    if (group?.status === 'triggered') await followPage(ctx, group.id, 'acknowledge', userId);
  });
  ctx.events.on('page.resolved', async ({ pageId, userId }) => {
    const group = await getGroupByPage(ctx.db, pageId);
    if (group && group.status !== 'resolved') await followPage(ctx, group.id, 'resolve', userId);
  });
}
