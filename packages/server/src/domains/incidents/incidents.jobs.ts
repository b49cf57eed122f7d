import { isActive, nextMoreSevere } from '@firebreak/shared';
import nodemailer from 'nodemailer';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { changeIncident, incidentLabel } from './commands/change.js';
import type { StakeholderEmailPayload } from './commands/post-status-update.js';
import { enqueueReminder, type ReminderPayload, type UpgradePromptPayload } from './commands/schedule.js';
import {
  ESCALATE_REMINDER_AFTER_MS,
  JOB_STAKEHOLDER_EMAIL,
  JOB_UPDATE_REMINDER,
  JOB_UPGRADE_PROMPT,
} from './incidents.model.js';
import { getIncidentRow } from './incidents.repo.js';
import { communicationsLeadOf } from './incidents.service.js';
import { personNames } from './lookups.js';
import { claimNotice, getStatusUpdateRow, recordDelivery, undeliveredRecipients } from './records.repo.js';
import { activeRoles } from './roles.repo.js';
import { getSeverityById, listSeverityRows } from './severities.repo.js';
import { stakeholderEmail } from './stakeholder-email.js';

// Scheduled work of the incidents domain. Each handler re-reads the incident and does nothing when
// the world moved on (an update was posted, the incident resolved, the severity changed), and each
// claims an `incident_notices` row in the same transaction as its timeline entry, so a job that runs
// twice (crash, restart, a second process) reminds or prompts exactly once.

/** A change by the system to an incident that may have been deleted meanwhile: then there is nothing to do. */
async function asSystem<T>(ctx: AppContext, incidentId: string, apply: Parameters<typeof changeIncident<T>>[3]) {
  try {
    return await changeIncident(ctx, null, incidentId, apply);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

/**
 * The status update is overdue: remind the communications lead; if still overdue a few minutes
 * later, the commander. Writes a timeline entry and emits `incident.update_overdue` (paging and
 * email deliver it).
 */
export const remindOverdueUpdate: JobHandler<ReminderPayload> = async (job, ctx) => {
  const { incidentId, dueAt, step } = job.payload;
  await asSystem(ctx, incidentId, async (c) => {
    const row = c.before;
    if (!isActive(row.status) || row.next_update_due_at !== dueAt) return;
    if (!(await claimNotice(c.trx, row.id, `update_reminder:${step}`, dueAt, c.now))) return;
    const roles = await activeRoles(c.trx, row.id);
    const commanderId = roles.find((r) => r.role === 'commander')?.user_id ?? null;
    const leadId = communicationsLeadOf(roles);
    const recipientId = step === 'communications_lead' ? leadId : commanderId;
    if (!recipientId) return;
    const names = await personNames(c.trx, [recipientId]);
    const who = step === 'communications_lead' ? 'communications lead' : 'commander';
    await c.record({
      kind: 'update_overdue',
      actorId: null,
      text: `Status update overdue since ${toIso(dueAt)}; reminded ${names.get(recipientId)?.name ?? recipientId} (${who})`,
      data: { dueAt: toIso(dueAt), step, recipientId },
    });
    if (step === 'communications_lead' && commanderId && commanderId !== leadId) {
      const runAt = Math.max(c.now, dueAt) + ESCALATE_REMINDER_AFTER_MS;
      await enqueueReminder(c.trx, ctx, { incidentId, dueAt, step: 'commander' }, runAt);
    }
    c.emit('incident.update_overdue', { incidentId, dueAt, recipientId, step });
  });
};

/**
 * Unresolved for the severity's upgrade-after time: prompt the commander to consider the next more
 * severe level. The severity itself never changes without a person deciding.
 */
export const promptUpgrade: JobHandler<UpgradePromptPayload> = async (job, ctx) => {
  const { incidentId, severityId, setAt } = job.payload;
  await asSystem(ctx, incidentId, async (c) => {
    const row = c.before;
    if (!isActive(row.status) || row.severity_id !== severityId || row.severity_set_at !== setAt) return;
    if (!(await claimNotice(c.trx, row.id, 'upgrade_prompt', setAt, c.now))) return;
    const severity = await getSeverityById(c.trx, severityId);
    if (!severity) return;
    const suggested = nextMoreSevere(await listSeverityRows(c.trx), severity.rank);
    const commanderId = (await activeRoles(c.trx, row.id)).find((r) => r.role === 'commander')?.user_id ?? null;
    const minutes = Math.round((c.now - setAt) / 60_000);
    await c.record({
      kind: 'upgrade_prompt',
      actorId: null,
      text: `${incidentLabel(row)} has been ${severity.name} and unresolved for more than ${severity.upgrade_after_minutes ?? minutes} minutes${
        suggested ? `: consider upgrading to ${suggested.name}` : ''
      }`,
      data: { severity: severity.key, suggestedSeverity: suggested?.key ?? null, minutes, commanderId },
    });
    c.emit('incident.upgrade_prompt', {
      incidentId,
      commanderId,
      severity: severity.key,
      suggestedSeverity: suggested?.key ?? null,
    });
  });
};

/**
 * Emails a stakeholder update to every subscriber, recording each delivery so a retry after a
 * partial failure sends only to those not reached yet.
 */
export const emailStakeholders: JobHandler<StakeholderEmailPayload> = async (job, ctx) => {
  if (!ctx.config.smtpUrl) return;
  const update = await getStatusUpdateRow(ctx.db, job.payload.updateId);
  const incident = update ? await getIncidentRow(ctx.db, update.incident_id) : undefined;
  if (!update || !incident) return;
  const recipients = await undeliveredRecipients(ctx.db, incident.id, update.id);
  if (recipients.length === 0) return;
  const severity = incident.severity_id ? await getSeverityById(ctx.db, incident.severity_id) : undefined;
  const { subject, text } = stakeholderEmail(incident, severity, update, {
    zone: ctx.config.orgTimeZone,
    publicUrl: ctx.config.publicUrl,
  });
  const transport = nodemailer.createTransport(ctx.config.smtpUrl);
  try {
    for (const person of recipients) {
      await transport.sendMail({ from: ctx.config.smtpFrom, to: `${person.name} <${person.email}>`, subject, text });
      await recordDelivery(ctx.db, update.id, person.id, ctx.clock.now());
    }
  } finally {
    transport.close();
  }
};

export const incidentJobs: Record<string, JobHandler> = {
  [JOB_UPDATE_REMINDER]: remindOverdueUpdate,
  [JOB_UPGRADE_PROMPT]: promptUpgrade,
  [JOB_STAKEHOLDER_EMAIL]: emailStakeholders,
};
