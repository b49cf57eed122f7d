import type { AppContext } from '../../core/context.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import { JOB_SWEEP_EVENTS } from './alerts.model.js';
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
  // The service's alerts went with it; their events are swept in the background.
  ctx.events.on('service.deleted', async () => {
    await enqueueJob(ctx.db, ctx.clock, { kind: JOB_SWEEP_EVENTS });
  });
}
