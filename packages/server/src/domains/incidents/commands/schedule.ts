import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { cancelJob, enqueueJob } from '../../../core/scheduler/enqueue.js';
import { JOB_UPDATE_REMINDER, JOB_UPGRADE_PROMPT, type ReminderStep, type SeverityRow } from '../incidents.model.js';

// The durable rhythm of an incident: update reminders and upgrade prompts are job rows written in
// the same transaction as the change that makes them due.

export type ReminderPayload = { incidentId: string; dueAt: number; step: ReminderStep };
export type UpgradePromptPayload = { incidentId: string; severityId: string; setAt: number };

/** One key per incident, due time and step: each overdue period is reminded once per step. */
export const reminderKey = (incidentId: string, dueAt: number, step: ReminderStep) =>
  `${JOB_UPDATE_REMINDER}:${incidentId}:${dueAt}:${step}`;

/** When the next update is due after `from` under `severity`'s cadence; null when none is expected. */
export const cadenceDue = (severity: SeverityRow | undefined, from: number): number | null =>
  severity?.update_cadence_minutes ? from + severity.update_cadence_minutes * 60_000 : null;

/** Moves the reminder from `previousDue` to `nextDue` (either may be null). */
export async function rescheduleUpdateReminder(
  ex: Executor,
  ctx: Pick<AppContext, 'clock'>,
  incidentId: string,
  previousDue: number | null,
  nextDue: number | null,
): Promise<void> {
  if (previousDue === nextDue) return;
  if (previousDue != null) {
    await cancelJob(ex, reminderKey(incidentId, previousDue, 'communications_lead'));
    await cancelJob(ex, reminderKey(incidentId, previousDue, 'commander'));
  }
  if (nextDue != null)
    await enqueueReminder(ex, ctx, { incidentId, dueAt: nextDue, step: 'communications_lead' }, nextDue);
}

export function enqueueReminder(ex: Executor, ctx: Pick<AppContext, 'clock'>, payload: ReminderPayload, runAt: number) {
  return enqueueJob(ex, ctx.clock, {
    kind: JOB_UPDATE_REMINDER,
    payload,
    runAt,
    dedupeKey: reminderKey(payload.incidentId, payload.dueAt, payload.step),
    priority: 5,
  });
}

/** Prompts the commander to consider upgrading when still unresolved `upgrade_after_minutes` after `setAt`. */
export async function scheduleUpgradePrompt(
  ex: Executor,
  ctx: Pick<AppContext, 'clock'>,
  incidentId: string,
  severity: SeverityRow,
  setAt: number,
): Promise<void> {
  if (!severity.upgrade_after_minutes) return;
  const payload: UpgradePromptPayload = { incidentId, severityId: severity.id, setAt };
  await enqueueJob(ex, ctx.clock, {
    kind: JOB_UPGRADE_PROMPT,
    payload,
    runAt: setAt + severity.upgrade_after_minutes * 60_000,
    dedupeKey: `${JOB_UPGRADE_PROMPT}:${incidentId}:${setAt}`,
  });
}
