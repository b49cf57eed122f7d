import { isActive, PostStatusUpdateInput, type StatusUpdate } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import { JOB_STAKEHOLDER_EMAIL } from '../incidents.model.js';
import type { Viewer } from '../incidents.policy.js';
import { presentUpdate } from '../incidents.presenter.js';
import { personNames } from '../lookups.js';
import { getLatestStatusUpdate, insertStatusUpdate } from '../records.repo.js';
import { getSeverityById } from '../severities.repo.js';
import { changeIncident, incidentLabel } from './change.js';
import { futureTime, parse } from './inputs.js';
import { cadenceDue, rescheduleUpdateReminder } from './schedule.js';

export type StakeholderEmailPayload = { updateId: string };

/**
 * Posts a status update (time, current status, impact, next update). It clears "update overdue",
 * sets when the next one is due (given, else the severity's cadence) and, for stakeholders, emails
 * the incident's subscribers through a job when SMTP is configured.
 */
export async function postStatusUpdate(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: PostStatusUpdateInput,
): Promise<StatusUpdate> {
  const data = parse(PostStatusUpdateInput, input);
  return changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const row = c.before;
      const active = isActive(row.status);
      if (!active && row.status !== 'resolved') {
        throw conflict(
          'incident_not_active',
          `${incidentLabel(row)} is ${row.status}; status updates are for incidents being worked on or just resolved.`,
        );
      }
      const severity = row.severity_id ? await getSeverityById(c.trx, row.severity_id) : undefined;
      const given = futureTime(data.nextUpdateAt, 'nextUpdateAt', c.now);
      const nextDue = active ? (given ?? cadenceDue(severity, c.now)) : null;
      const previous = await getLatestStatusUpdate(c.trx, row.id, data.audience);
      const update = {
        id: newId(),
        incident_id: row.id,
        audience: data.audience,
        current_status: data.currentStatus,
        impact: data.impact ?? row.impact,
        next_update_at: nextDue ?? given ?? null,
        posted_by: by.userId,
        posted_at: c.now,
        previous_posted_at: previous?.posted_at ?? null,
        previous_next_update_at: previous?.next_update_at ?? null,
      };
      await insertStatusUpdate(c.trx, update);
      c.set({ next_update_due_at: nextDue });
      await rescheduleUpdateReminder(c.trx, ctx, row.id, row.next_update_due_at, nextDue);
      await c.record({
        kind: 'status_update',
        text: `${data.audience === 'public' ? 'Public' : 'Stakeholder'} update: ${data.currentStatus}`,
        data: { updateId: update.id, audience: data.audience, nextUpdateAt: update.next_update_at },
      });
      if (data.audience === 'stakeholders' && ctx.config.smtpUrl) {
        const payload: StakeholderEmailPayload = { updateId: update.id };
        await enqueueJob(c.trx, ctx.clock, {
          kind: JOB_STAKEHOLDER_EMAIL,
          payload,
          dedupeKey: `${JOB_STAKEHOLDER_EMAIL}:${update.id}`,
        });
      }
      c.emit('incident.update_posted', { incidentId: row.id, updateId: update.id, audience: data.audience });
      return presentUpdate(update, await personNames(c.trx, [by.userId]));
    },
    { role: 'responder', action: 'post status updates' },
  );
}
