import { newId } from '../../core/ids.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { type StepPayload, scheduleStep, writeLog } from './commands/steps.js';
import { stepTarget } from './escalation.stepper.js';
import { planNotifications } from './notification-plan.js';
import { insertNotifications, type NotificationRow } from './notifications.repo.js';
import { getPage, insertRecipients, insertStep, lockPage, updatePage } from './pages.repo.js';
import { JOB_SEND, PRIORITY, sendKey } from './paging.model.js';
import { loadPeople } from './people.repo.js';

// `page-escalate`: one step of an escalation run. The step's row, its notifications (one outbox
// row and one `notification-send` job each), its recipients and the job of the next step are
// written in one transaction; `page_steps` is unique per (page, step). A job that runs again after
// a crash finds its step done and does nothing, and a crash before the commit leaves the job to
// run again: no step is doubled or skipped.

export const runEscalationStep: JobHandler<StepPayload> = async (job, ctx) => {
  const { pageId, step, reason } = job.payload;
  const page = await getPage(ctx.db, pageId);
  if (page?.status !== 'triggered' || step <= page.current_step) return;
  const now = ctx.clock.now();
  const target = await stepTarget(ctx, page, step, now);
  if (!target) return;

  const people = await loadPeople(ctx.db, target.userIds);
  const plans = people.map((person) => ({ person, plan: planNotifications(person, page.urgency, now) }));
  // Nobody to wait for (nobody on call, or nobody with a way to reach them): go on to the next level now.
  const reachable = plans.some((p) => p.plan.reachable);
  const nextAt = target.hasNext ? (reachable ? now + target.delayMs : now) : null;
  const notifications: NotificationRow[] = plans.flatMap(({ person, plan }) =>
    plan.notifications.map((n) => ({
      id: newId(),
      purpose: 'page' as const,
      page_id: page.id,
      step,
      user_id: person.userId,
      contact_method_id: n.contactMethodId,
      channel: n.channel,
      address: n.address,
      urgency: page.urgency,
      status: 'pending' as const,
      due_at: n.dueAt,
      attempts: 0,
      last_error: null,
      provider_id: null,
      sent_at: null,
      failed_at: null,
      read_at: null,
      created_at: now,
    })),
  );

  const ran = await ctx.db.transaction().execute(async (trx) => {
    const fresh = await lockPage(trx, ctx.dialect, pageId);
    if (fresh?.status !== 'triggered' || step <= fresh.current_step) return false;
    if (fresh.assignment_step !== page.assignment_step) return false;
    const inserted = await insertStep(trx, {
      id: newId(),
      page_id: page.id,
      step,
      level_index: target.levelIndex,
      level_name: target.levelName,
      user_ids: JSON.stringify(people.map((p) => p.userId)),
      reason,
      started_at: now,
      next_step_at: nextAt,
    });
    if (!inserted) return false;
    await updatePage(trx, page.id, { current_step: step, updated_at: now });
    await insertNotifications(trx, notifications);
    for (const n of notifications) {
      await enqueueJob(trx, ctx.clock, {
        kind: JOB_SEND,
        payload: { notificationId: n.id },
        runAt: n.due_at,
        dedupeKey: sendKey(n.id),
        priority: PRIORITY.send[page.urgency],
      });
    }
    await insertRecipients(
      trx,
      plans.map(({ person, plan }) => ({
        page_id: page.id,
        user_id: person.userId,
        first_step: step,
        urgency: page.urgency,
        notified_at: now,
        outside_working_hours: plan.outsideWorkingHours ? 1 : 0,
        acknowledged_at: null,
        acknowledged_by_recipient: 0,
      })),
    );
    await writeLog(trx, page.id, now, 'step', null, stepText(target.levelName, plans, reachable, target.hasNext));
    if (nextAt !== null) await scheduleStep(trx, ctx, page, step + 1, nextAt, reachable ? 'timeout' : 'unreachable');
    return true;
  });

  if (ran && reason !== 'triggered') {
    ctx.events.emit('page.escalated', {
      pageId,
      step,
      levelIndex: target.levelIndex,
      userIds: people.map((p) => p.userId),
      reason,
    });
  }
};

function stepText(
  levelName: string,
  plans: { person: { name: string }; plan: { reachable: boolean } }[],
  reachable: boolean,
  hasNext: boolean,
): string {
  if (plans.length === 0) return `${levelName}: nobody to notify${hasNext ? '; moving on to the next level now' : ''}`;
  const names = plans.map((p) => p.person.name + (p.plan.reachable ? '' : ' (no contact method)')).join(', ');
  const tail = !reachable && hasNext ? '; nobody reachable, moving on to the next level now' : '';
  return `${levelName}: notifying ${names}${tail}`;
}
