import {
  AcceptTriageInput,
  DeclineTriageInput,
  formatIncidentNumber,
  type IncidentDetail,
  isOpen,
  MergeIncidentInput,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, invalidField } from '../../../core/errors.js';
import { uniqueChannelName } from '../channel-name.js';
import { canSee, type Viewer } from '../incidents.policy.js';
import { findIncidentByRef, replaceIncidentServices, serviceIdsOf } from '../incidents.repo.js';
import { detailAfterChange } from '../incidents.service.js';
import { insertSubscriber } from '../records.repo.js';
import { assignRoleIn } from './assign-role.js';
import { type Change, changeIncident, incidentLabel, writeEntry } from './change.js';
import { parse, requirePerson, requireRoleType, requireSeverity } from './inputs.js';
import { cadenceDue, rescheduleUpdateReminder, scheduleUpgradePrompt } from './schedule.js';
import { illegalTransition, moveTo } from './transition.js';

const notInTriage = (c: Change, to: 'investigating' | 'declined') => {
  if (c.before.status !== 'triage') throw illegalTransition(c.before, to);
};

/** Accepts a triage report as an incident: severity, commander (the acceptor unless named), channel, rhythm. */
export async function acceptTriage(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: AcceptTriageInput,
): Promise<IncidentDetail> {
  const data = parse(AcceptTriageInput, input);
  const severity = await requireSeverity(ctx.db, data.severity);
  const commanderId = data.commanderId ?? by.userId;
  await requirePerson(ctx.db, commanderId, 'commanderId');
  const commander = await requireRoleType(ctx.db, 'commander');
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      notInTriage(c, 'investigating');
      const now = c.now;
      const title = data.title ?? c.before.title;
      if (data.title && data.title !== c.before.title) {
        c.set({ title: data.title });
        await c.record({
          kind: 'field_changed',
          text: `Title: ${c.before.title} → ${data.title}`,
          before: c.before.title,
          after: data.title,
          data: { field: 'title' },
        });
      }
      c.set({
        severity_id: severity.id,
        severity_set_at: now,
        declared_at: now,
        channel_name: await uniqueChannelName(c.trx, title, now, ctx.config.orgTimeZone, c.before.number),
      });
      await assignRoleIn(c, commander, commanderId);
      await moveTo(c, 'investigating', {
        text: `Accepted from triage as ${severity.name}`,
        data: { severity: severity.key, via: 'triage_accept' },
      });
      const due = cadenceDue(severity, now);
      c.set({ next_update_due_at: due });
      await rescheduleUpdateReminder(c.trx, ctx, c.before.id, null, due);
      await scheduleUpgradePrompt(c.trx, ctx, c.before.id, severity, now);
      c.emit('incident.declared', {
        incidentId: c.before.id,
        severity: severity.key,
        commanderId,
        private: c.before.private === 1,
      });
      return c.incident;
    },
    { role: 'responder', action: 'accept reports' },
  );
  return detailAfterChange(ctx, by, row.id);
}

export async function declineIn(c: Change, reason: string): Promise<void> {
  notInTriage(c, 'declined');
  c.set({ declined_reason: reason });
  await moveTo(c, 'declined', { reason, text: `Declined: ${reason}` });
}

export async function declineTriage(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: DeclineTriageInput,
): Promise<IncidentDetail> {
  const data = parse(DeclineTriageInput, input);
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      await declineIn(c, data.reason);
      return c.incident;
    },
    { role: 'responder', action: 'decline reports' },
  );
  return detailAfterChange(ctx, by, row.id);
}

/**
 * Merges a report (or a duplicate incident) into an open incident: the source ends as `merged`,
 * the target gains its services and a timeline entry with the report, and the reporter is
 * subscribed to the target so they hear how it ends.
 */
export async function mergeIncident(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: MergeIncidentInput,
): Promise<IncidentDetail> {
  const data = parse(MergeIncidentInput, input);
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const target = await findIncidentByRef(c.trx, data.into, { lock: ctx.dialect });
      if (!target || !(await canSee(c.trx, target, by))) throw invalidField('into', `no incident "${data.into}"`);
      if (target.id === c.before.id) throw invalidField('into', 'an incident cannot be merged into itself');
      if (!isOpen(target.status) || target.status === 'triage') {
        throw conflict(
          'merge_target_not_open',
          `${formatIncidentNumber(target.number)} is ${target.status}; merge into an incident being worked on.`,
        );
      }
      const source = c.before;
      c.set({ merged_into_id: target.id });
      await moveTo(c, 'merged', {
        reason: data.reason,
        text: `Merged into ${formatIncidentNumber(target.number)}${data.reason ? ` (${data.reason})` : ''}`,
        data: { intoId: target.id, into: formatIncidentNumber(target.number) },
      });
      const services = new Set([...(await serviceIdsOf(c.trx, target.id)), ...(await serviceIdsOf(c.trx, source.id))]);
      await replaceIncidentServices(c.trx, target, [...services]);
      if (source.reporter_id) {
        await insertSubscriber(c.trx, {
          incident_id: target.id,
          user_id: source.reporter_id,
          added_by: by.userId,
          created_at: c.now,
        });
      }
      await writeEntry(c.trx, target.id, c.now, by.userId, {
        kind: 'merged_in',
        text: `${incidentLabel(source)} merged in: ${source.title}`,
        data: {
          fromId: source.id,
          from: incidentLabel(source),
          customer: source.report_customer,
          observed: source.report_observed,
          reason: data.reason ?? null,
        },
      });
      await c.touch(target);
      return c.incident;
    },
    { role: 'responder', action: 'merge incidents' },
  );
  return detailAfterChange(ctx, by, row.id);
}
