import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { cancelJob, type NewJob } from '../../../core/scheduler/enqueue.js';
import { type StepTarget, stepTarget } from '../escalation.stepper.js';
import { type Plan, planNotifications } from '../notification-plan.js';
import type { NotificationRow } from '../notifications.repo.js';
import {
  insertLog,
  insertRecipients,
  insertSteps,
  type LogRow,
  type PageRow,
  type StepRow,
  updatePage,
} from '../pages.repo.js';
import type { PageRecipientsTable, StepReason } from '../paging.model.js';
import { loadPeople, type Person } from '../people.repo.js';
import { newNotification, type OutboxWrites, outboxWrites, writeOutbox } from './outbox.js';
import { logLine, stepJob } from './steps.js';

// One escalation step in three parts: `planStep` reads who it reaches and what each person gets
// (on-call, rules, working hours) before any transaction; `stepWrites` turns that into rows;
// `writeSteps` writes them in the caller's transaction. The `page-escalate` job runs every later
// step this way, and `createPage` writes step 0 in the transaction that creates the page (many new
// pages share its statements), so the first notifications are queued the moment the page exists,
// with no job in between.

export type PlannedStep = {
  step: number;
  reason: StepReason;
  at: number;
  target: StepTarget;
  plans: { person: Person; plan: Plan }[];
  notifications: NotificationRow[];
  /** Someone has a contact method outside the app: the next level waits for them. */
  reachable: boolean;
  /** When the next step runs; null after the last level. */
  nextAt: number | null;
};

/** What step `step` of the page will do now; null when the page's assignment has no such step. */
export async function planStep(
  ctx: AppContext,
  page: PageRow,
  step: number,
  reason: StepReason,
  at: number,
): Promise<PlannedStep | null> {
  const target = await stepTarget(ctx, page, step, at);
  if (!target) return null;
  const people = await loadPeople(ctx.db, target.userIds);
  const plans = people.map((person) => ({ person, plan: planNotifications(person, page.urgency, at) }));
  // Nobody to wait for (nobody on call, or nobody with a way to reach them): go on to the next level now.
  const reachable = plans.some((p) => p.plan.reachable);
  const nextAt = target.hasNext ? (reachable ? at + target.delayMs : at) : null;
  const notifications: NotificationRow[] = plans.flatMap(({ person, plan }) =>
    plan.notifications.map((n) =>
      newNotification({
        purpose: 'page',
        page_id: page.id,
        step,
        user_id: person.userId,
        contact_method_id: n.contactMethodId,
        channel: n.channel,
        address: n.address,
        urgency: page.urgency,
        due_at: n.dueAt,
        created_at: at,
      }),
    ),
  );
  return { step, reason, at, target, plans, notifications, reachable, nextAt };
}

/** Everything a step writes, built before the transaction so that many steps share its statements. */
export type StepWrites = OutboxWrites & {
  step: StepRow;
  page: PageRow;
  recipients: PageRecipientsTable[];
  log: LogRow[];
  /** The job of the next step, which replaces any pending one for that step. */
  next: (NewJob & { dedupeKey: string }) | null;
};

/** The rows of a planned step of `page`, with `logFirst` logged just before the step's own line. */
export function stepWrites(page: PageRow, planned: PlannedStep, logFirst: LogRow[] = []): StepWrites {
  const { step, at, target, plans, nextAt } = planned;
  const outbox = outboxWrites(planned.notifications, at);
  const text = stepText(target.levelName, plans, planned.reachable, target.hasNext);
  const next = nextAt === null ? null : stepJob(page, step + 1, nextAt, planned.reachable ? 'timeout' : 'unreachable');
  return {
    ...outbox,
    jobs: next ? [...outbox.jobs, next] : outbox.jobs,
    page,
    step: {
      id: newId(),
      page_id: page.id,
      step,
      level_index: target.levelIndex,
      level_name: target.levelName,
      user_ids: JSON.stringify(plans.map((p) => p.person.userId)),
      reason: planned.reason,
      started_at: at,
      next_step_at: nextAt,
    },
    recipients: plans.map(({ person, plan }) => ({
      page_id: page.id,
      user_id: person.userId,
      first_step: step,
      urgency: page.urgency,
      notified_at: at,
      outside_working_hours: plan.outsideWorkingHours ? 1 : 0,
      acknowledged_at: null,
      acknowledged_by_recipient: 0,
    })),
    log: [...logFirst, logLine(page.id, at, 'step', null, text)],
    next,
  };
}

/**
 * Writes steps (of one page, or of many new ones) with one statement per table: each step's row,
 * notifications, recipients, log lines and the job of its next step. A step already written
 * (unique per page and step) is skipped with everything it would write: a rerun does nothing.
 * Answers the steps it wrote. Each `page` is as `trx` sees it, locked where the dialect locks; a
 * page stored at an earlier step is moved to this one, and its pending next-step job replaced.
 */
export async function writeSteps(trx: Executor, ctx: AppContext, all: StepWrites[]): Promise<StepWrites[]> {
  const inserted = await insertSteps(
    trx,
    all.map((w) => w.step),
  );
  const written = all.filter((w) => inserted.has(w.step.id));
  // A page created with its first step is stored at it already, with nothing scheduled yet.
  const moved = written.filter((w) => w.page.current_step !== w.step.step);
  for (const { page, step } of moved) {
    await updatePage(trx, page.id, { current_step: step.step, updated_at: step.started_at });
  }
  await cancelJob(
    trx,
    moved.flatMap((w) => (w.next ? [w.next.dedupeKey] : [])),
  );
  await writeOutbox(trx, ctx, {
    notifications: written.flatMap((w) => w.notifications),
    attempts: written.flatMap((w) => w.attempts),
    jobs: written.flatMap((w) => w.jobs),
  });
  await insertRecipients(
    trx,
    written.flatMap((w) => w.recipients),
  );
  const log = written.flatMap((w) => w.log);
  if (log.length > 0) await insertLog(trx, log);
  return written;
}

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
