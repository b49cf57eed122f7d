import { ReassignPageInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { parseInput } from '../../directory/validate.js';
import { cancelUnsent } from '../notifications.repo.js';
import { updatePage } from '../pages.repo.js';
import { actorIdOf, type PageBy, requireResponder } from '../paging.policy.js';
import { resolveAssignment } from './assignment.js';
import { changePage } from './change-page.js';
import { scheduleStep, writeLog } from './steps.js';

/**
 * Hands the page to other people or another policy ("pull in the support team"): notifications not
 * yet sent to the old targets are cancelled and the new targets are paged now, as a new step.
 */
export async function reassignPage(
  ctx: AppContext,
  pageId: string,
  input: ReassignPageInput,
  by: PageBy,
): Promise<void> {
  const data = parseInput(ReassignPageInput, input);
  requireResponder(by, 'reassign pages');
  const assignment = await resolveAssignment(ctx, data);
  await changePage(ctx, pageId, by, async (trx, page, now) => {
    if (page.status === 'resolved') throw conflict('page_already_resolved', 'This page is already resolved.');
    const step = page.current_step + 1;
    await updatePage(trx, page.id, {
      status: 'triggered',
      acknowledged_at: null,
      acknowledged_by: null,
      policy_id: assignment.policyId,
      target_user_ids: JSON.stringify(assignment.userIds),
      assignment_step: step,
      updated_at: now,
    });
    await cancelUnsent(trx, page.id);
    await scheduleStep(trx, ctx, page, step, now, 'reassigned');
    const to = assignment.policyId ? 'an escalation policy' : `${assignment.userIds.length} person(s)`;
    await writeLog(trx, page.id, now, 'reassigned', actorIdOf(by), `Reassigned to ${to}`);
  });
}
