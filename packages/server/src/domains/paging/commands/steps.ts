import type { PageUrgency } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { cancelJob, enqueueJob } from '../../../core/scheduler/enqueue.js';
import { insertLog } from '../pages.repo.js';
import { escalateKey, JOB_ESCALATE, PRIORITY, type StepReason } from '../paging.model.js';

// Helpers the page commands share, always inside the caller's transaction.

export type StepPayload = { pageId: string; step: number; reason: StepReason };

/** Schedules escalation step `step` of a page at `runAt`, replacing a pending job for that step. */
export async function scheduleStep(
  trx: Executor,
  ctx: AppContext,
  page: { id: string; urgency: PageUrgency },
  step: number,
  runAt: number,
  reason: StepReason,
): Promise<void> {
  const dedupeKey = escalateKey(page.id, step);
  await cancelJob(trx, dedupeKey);
  const payload: StepPayload = { pageId: page.id, step, reason };
  await enqueueJob(trx, ctx.clock, {
    kind: JOB_ESCALATE,
    payload,
    runAt,
    dedupeKey,
    priority: PRIORITY.escalate[page.urgency],
    maxAttempts: 20,
  });
}

/** Stops the escalation: the next step of the page does not run. */
export const cancelNextStep = (trx: Executor, page: { id: string; current_step: number }) =>
  cancelJob(trx, escalateKey(page.id, page.current_step + 1));

export const writeLog = (
  trx: Executor,
  pageId: string,
  at: number,
  kind: string,
  actorId: string | null,
  text: string,
) => insertLog(trx, { id: newId(), page_id: pageId, kind, actor_id: actorId, text, at });
