import type { PageUrgency } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { cancelJob, enqueueJob, type NewJob } from '../../../core/scheduler/enqueue.js';
import { insertLog, type LogRow } from '../pages.repo.js';
import { escalateKey, JOB_ESCALATE, PRIORITY, type StepReason } from '../paging.model.js';

// Helpers the page commands share, always inside the caller's transaction.

export type StepPayload = { pageId: string; step: number; reason: StepReason };

/** The job that runs escalation step `step` of a page at `runAt`. */
export function stepJob(
  page: { id: string; urgency: PageUrgency },
  step: number,
  runAt: number,
  reason: StepReason,
): NewJob & { dedupeKey: string } {
  const payload: StepPayload = { pageId: page.id, step, reason };
  return {
    kind: JOB_ESCALATE,
    payload,
    runAt,
    dedupeKey: escalateKey(page.id, step),
    priority: PRIORITY.escalate[page.urgency],
    maxAttempts: 20,
  };
}

/** Schedules escalation step `step` of a page at `runAt`, replacing a pending job for that step. */
export async function scheduleStep(
  trx: Executor,
  ctx: AppContext,
  page: { id: string; urgency: PageUrgency },
  step: number,
  runAt: number,
  reason: StepReason,
): Promise<void> {
  const job = stepJob(page, step, runAt, reason);
  await cancelJob(trx, job.dedupeKey);
  await enqueueJob(trx, ctx.clock, job);
}

/** Stops the escalation: the next step of the page does not run. */
export const cancelNextStep = (trx: Executor, page: { id: string; current_step: number }) =>
  cancelJob(trx, escalateKey(page.id, page.current_step + 1));

/** One line of a page's log, to write with `insertLog` (several lines go in one statement). */
export const logLine = (pageId: string, at: number, kind: string, actorId: string | null, text: string): LogRow => ({
  id: newId(),
  page_id: pageId,
  kind,
  actor_id: actorId,
  text,
  at,
});

export const writeLog = (
  trx: Executor,
  pageId: string,
  at: number,
  kind: string,
  actorId: string | null,
  text: string,
) => insertLog(trx, logLine(pageId, at, kind, actorId, text));
