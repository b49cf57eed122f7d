import { ChangeSeverityInput, type IncidentDetail, isActive } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { badRequest, conflict } from '../../../core/errors.js';
import type { Viewer } from '../incidents.policy.js';
import { detailAfterChange } from '../incidents.service.js';
import { getSeverityById } from '../severities.repo.js';
import { changeIncident, incidentLabel } from './change.js';
import { parse, requireSeverity } from './inputs.js';
import { cadenceDue, rescheduleUpdateReminder, scheduleUpgradePrompt } from './schedule.js';

/**
 * Changes the severity, with a reason, on the timeline. A faster cadence brings the next update
 * forward (never later than already promised); the upgrade clock restarts for the new severity.
 */
export async function changeSeverity(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: ChangeSeverityInput,
): Promise<IncidentDetail> {
  const data = parse(ChangeSeverityInput, input);
  const severity = await requireSeverity(ctx.db, data.severity);
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const row = c.before;
      if (row.status === 'triage') {
        throw badRequest(
          'severity_required',
          'Set the severity of a report by accepting it: POST /api/v1/incidents/:id/triage/accept.',
        );
      }
      if (['closed', 'declined', 'merged'].includes(row.status)) {
        throw conflict(
          'incident_finished',
          `${incidentLabel(row)} is ${row.status}; its severity can no longer change.`,
        );
      }
      if (row.severity_id === severity.id) {
        throw conflict('severity_unchanged', `${incidentLabel(row)} already is ${severity.name}.`);
      }
      const previous = row.severity_id ? await getSeverityById(c.trx, row.severity_id) : undefined;
      const now = c.now;
      let due = row.next_update_due_at;
      if (isActive(row.status)) {
        const byCadence = cadenceDue(severity, now);
        due = byCadence == null ? null : Math.min(due ?? Number.POSITIVE_INFINITY, byCadence);
        await scheduleUpgradePrompt(c.trx, ctx, row.id, severity, now);
      }
      c.set({ severity_id: severity.id, severity_set_at: now, next_update_due_at: due });
      await rescheduleUpdateReminder(c.trx, ctx, row.id, row.next_update_due_at, due);
      await c.record({
        kind: 'severity_changed',
        text: `Severity: ${previous?.name ?? 'none'} → ${severity.name} (${data.reason})`,
        before: previous?.key ?? null,
        after: severity.key,
        data: { reason: data.reason },
      });
      c.emit('incident.severity_changed', {
        incidentId: row.id,
        from: previous?.key ?? null,
        to: severity.key,
        reason: data.reason,
      });
      return c.incident;
    },
    { role: 'responder', action: 'change severity' },
  );
  return detailAfterChange(ctx, by, row.id);
}
