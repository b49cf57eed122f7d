import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { hasNextStep } from '../escalation.stepper.js';
import { updatePage } from '../pages.repo.js';
import { actorIdOf, type PageBy, requireResponder } from '../paging.policy.js';
import { changePage } from './change-page.js';
import { scheduleStep, writeLog } from './steps.js';

/**
 * Runs the next level now instead of waiting for its delay ("I need the 2nd level"). An
 * acknowledged page is triggered again, so the escalation carries on from there.
 */
export async function escalatePage(ctx: AppContext, pageId: string, by: PageBy): Promise<void> {
  requireResponder(by, 'escalate pages');
  await changePage(ctx, pageId, by, async (trx, page, now) => {
    if (page.status === 'resolved') throw conflict('page_already_resolved', 'This page is already resolved.');
    if (!(await hasNextStep(ctx, page))) {
      throw conflict(
        'no_next_level',
        page.policy_id
          ? 'The escalation policy has no further level; reassign the page to reach someone else.'
          : 'This page went to people directly; reassign it to reach someone else.',
      );
    }
    await updatePage(trx, page.id, {
      status: 'triggered',
      acknowledged_at: null,
      acknowledged_by: null,
      updated_at: now,
    });
    await scheduleStep(trx, ctx, page, page.current_step + 1, now, 'escalated');
    await writeLog(trx, page.id, now, 'escalated', actorIdOf(by), 'Escalated to the next level by hand');
  });
}
