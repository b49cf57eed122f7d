import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { cancelJob, enqueueJob } from '../../../core/scheduler/enqueue.js';
import {
  ACTION_ITEM_DUE_SOON_MS,
  type ActionItemReminderStep,
  type ActionItemRow,
  DRAFT_DUE_SOON_MS,
  JOB_ACTION_ITEM_REMINDER,
  JOB_POSTMORTEM_REMINDER,
  type PostmortemReminderStep,
} from '../postmortems.model.js';

export type PostmortemReminderPayload = { postmortemId: string; dueAt: number; step: PostmortemReminderStep };
export type ActionItemReminderPayload = {
  actionItemId: string;
  dueAt: number;
  step: ActionItemReminderStep;
  n: number;
};

const pmKey = (p: PostmortemReminderPayload) => `${JOB_POSTMORTEM_REMINDER}:${p.postmortemId}:${p.dueAt}:${p.step}`;
const itemKey = (p: ActionItemReminderPayload) =>
  `${JOB_ACTION_ITEM_REMINDER}:${p.actionItemId}:${p.dueAt}:${p.step}:${p.n}`;

/** Reminders for a postmortem's due dates: a day before the draft is due, when it is, and when publishing is. */
export async function schedulePostmortemReminders(
  ex: Executor,
  ctx: AppContext,
  pm: { id: string; due_at: number | null; publish_due_at: number | null },
): Promise<void> {
  const now = ctx.clock.now();
  const jobs: [PostmortemReminderPayload, number][] = [];
  if (pm.due_at != null) {
    if (pm.due_at - DRAFT_DUE_SOON_MS > now)
      jobs.push([{ postmortemId: pm.id, dueAt: pm.due_at, step: 'draft_due_soon' }, pm.due_at - DRAFT_DUE_SOON_MS]);
    jobs.push([{ postmortemId: pm.id, dueAt: pm.due_at, step: 'draft_overdue' }, pm.due_at]);
  }
  if (pm.publish_due_at != null) {
    jobs.push([{ postmortemId: pm.id, dueAt: pm.publish_due_at, step: 'publish_overdue' }, pm.publish_due_at]);
  }
  for (const [payload, runAt] of jobs) {
    await enqueueJob(ex, ctx.clock, { kind: JOB_POSTMORTEM_REMINDER, payload, runAt, dedupeKey: pmKey(payload) });
  }
}

export function enqueueActionItemReminder(
  ex: Executor,
  ctx: AppContext,
  payload: ActionItemReminderPayload,
  runAt: number,
) {
  return enqueueJob(ex, ctx.clock, { kind: JOB_ACTION_ITEM_REMINDER, payload, runAt, dedupeKey: itemKey(payload) });
}

/** Reminders for an action item: two days before its due time and at it (then weekly, from the job). */
export async function scheduleActionItemReminders(ex: Executor, ctx: AppContext, item: ActionItemRow): Promise<void> {
  if (item.due_at == null) return;
  const now = ctx.clock.now();
  const soon = item.due_at - ACTION_ITEM_DUE_SOON_MS;
  if (soon > now) {
    await enqueueActionItemReminder(
      ex,
      ctx,
      { actionItemId: item.id, dueAt: item.due_at, step: 'due_soon', n: 0 },
      soon,
    );
  }
  await enqueueActionItemReminder(
    ex,
    ctx,
    { actionItemId: item.id, dueAt: item.due_at, step: 'overdue', n: 0 },
    item.due_at,
  );
}

/** Drops the pending reminders of a due time that changed (the handlers would skip them anyway). */
export async function cancelActionItemReminders(ex: Executor, item: ActionItemRow): Promise<void> {
  if (item.due_at == null) return;
  for (const step of ['due_soon', 'overdue'] as const) {
    await cancelJob(ex, itemKey({ actionItemId: item.id, dueAt: item.due_at, step, n: 0 }));
  }
}
