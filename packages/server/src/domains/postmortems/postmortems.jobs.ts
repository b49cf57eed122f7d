import { isOpenActionItem } from '@firebreak/shared';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { getActionItemRow } from './action-items.repo.js';
import {
  type ActionItemReminderPayload,
  enqueueActionItemReminder,
  type PostmortemReminderPayload,
} from './commands/schedule.js';
import { ACTION_ITEM_REPEAT_MS, JOB_ACTION_ITEM_REMINDER, JOB_POSTMORTEM_REMINDER } from './postmortems.model.js';
import { claimNotice, getPostmortemRow } from './postmortems.repo.js';

// Reminders. Each handler re-reads its subject and does nothing when the world moved on (the draft
// went to review, the item was done or its due date moved), and claims a `postmortem_notices` row
// in the same transaction as it decides to remind, so a job that runs twice reminds once. The
// reminder itself is an event (`postmortem.reminder`, `action_item.reminder`) that notifications deliver.

/** Draft due soon, draft overdue, or publication overdue: remind the owner. */
export const remindPostmortemDue: JobHandler<PostmortemReminderPayload> = async (job, ctx) => {
  const { postmortemId, dueAt, step } = job.payload;
  const reminder = await ctx.db.transaction().execute(async (trx) => {
    const pm = await getPostmortemRow(trx, postmortemId);
    if (!pm?.owner_id) return null;
    const stillDue =
      step === 'publish_overdue'
        ? pm.status !== 'published' && pm.publish_due_at === dueAt
        : pm.status === 'draft' && pm.due_at === dueAt;
    if (!stillDue) return null;
    if (!(await claimNotice(trx, pm.id, step, dueAt, ctx.clock.now()))) return null;
    return { postmortemId, incidentId: pm.incident_id, recipientId: pm.owner_id, step, dueAt };
  });
  if (reminder) ctx.events.emit('postmortem.reminder', reminder);
};

/**
 * Action item due soon, overdue, then weekly while it stays overdue: remind its owner. The weekly
 * follow-up is enqueued by the overdue run itself, so it stops once the item is finished.
 */
export const remindActionItem: JobHandler<ActionItemReminderPayload> = async (job, ctx) => {
  const { actionItemId, dueAt, step, n } = job.payload;
  const reminder = await ctx.db.transaction().execute(async (trx) => {
    const item = await getActionItemRow(trx, actionItemId);
    if (!item || !isOpenActionItem(item.status) || item.due_at !== dueAt) return null;
    if (step !== 'due_soon') {
      const next = dueAt + (n + 1) * ACTION_ITEM_REPEAT_MS;
      await enqueueActionItemReminder(trx, ctx, { actionItemId, dueAt, step: 'still_overdue', n: n + 1 }, next);
    }
    if (!item.owner_id) return null;
    if (!(await claimNotice(trx, item.id, `${step}:${n}`, dueAt, ctx.clock.now()))) return null;
    return { actionItemId, recipientId: item.owner_id, step, dueAt };
  });
  if (reminder) ctx.events.emit('action_item.reminder', reminder);
};

export const postmortemJobs: Record<string, JobHandler> = {
  [JOB_POSTMORTEM_REMINDER]: remindPostmortemDue,
  [JOB_ACTION_ITEM_REMINDER]: remindActionItem,
};
