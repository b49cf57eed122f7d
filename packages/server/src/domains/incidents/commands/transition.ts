import { allowedTransitions, canTransition, type IncidentStatus, needsCommander } from '@firebreak/shared';
import { conflict } from '../../../core/errors.js';
import type { IncidentRow } from '../incidents.model.js';
import { activeRoles } from '../roles.repo.js';
import { getSeverityById } from '../severities.repo.js';
import { type Change, incidentLabel } from './change.js';
import { cadenceDue, rescheduleUpdateReminder, scheduleUpgradePrompt } from './schedule.js';

export const illegalTransition = (row: IncidentRow, to: IncidentStatus) => {
  const allowed = [...allowedTransitions(row.status)];
  return conflict(
    'illegal_transition',
    `${incidentLabel(row)} cannot move from ${row.status} to ${to}; allowed next: ${allowed.join(', ') || 'none'}.`,
    { allowed, current: row.status },
  );
};

/**
 * Moves an incident to `to` if the lifecycle allows it, keeping its timestamps, update reminder
 * and upgrade prompt in step, and writes the `status_changed` entry.
 */
export async function moveTo(
  c: Change,
  to: IncidentStatus,
  options: { reason?: string | undefined; text?: string; data?: Record<string, unknown> } = {},
): Promise<void> {
  const row = c.incident;
  const from = row.status;
  if (!canTransition(from, to)) throw illegalTransition(row, to);
  if (needsCommander(to)) {
    const roles = await activeRoles(c.trx, row.id);
    if (!roles.some((r) => r.role === 'commander')) {
      throw conflict(
        'commander_required',
        `${incidentLabel(row)} needs a commander before it can be ${to}; assign one first.`,
      );
    }
  }
  const now = c.now;
  const severity = row.severity_id ? await getSeverityById(c.trx, row.severity_id) : undefined;
  let nextDue: number | null = row.next_update_due_at;
  switch (to) {
    case 'monitoring':
      c.set({ mitigated_at: row.mitigated_at ?? now });
      break;
    case 'resolved':
      c.set({ resolved_at: now, mitigated_at: row.mitigated_at ?? now });
      nextDue = null;
      break;
    case 'closed':
      c.set({ closed_at: now });
      nextDue = null;
      break;
    case 'declined':
    case 'merged':
      nextDue = null;
      break;
    case 'investigating':
    case 'identified':
      // Reopened: the rhythm of updates and the upgrade clock start again.
      if (from === 'resolved') {
        c.set({ resolved_at: null, severity_set_at: now });
        nextDue = cadenceDue(severity, now);
        if (severity) await scheduleUpgradePrompt(c.trx, c.ctx, row.id, severity, now);
      }
      break;
    default:
      break;
  }
  c.set({ status: to, next_update_due_at: nextDue });
  await rescheduleUpdateReminder(c.trx, c.ctx, row.id, row.next_update_due_at, nextDue);
  await c.record({
    kind: 'status_changed',
    text: options.text ?? `Status: ${from} → ${to}${options.reason ? ` (${options.reason})` : ''}`,
    before: from,
    after: to,
    data: { ...(options.reason ? { reason: options.reason } : {}), ...options.data },
  });
  c.emit('incident.status_changed', { incidentId: row.id, from, to });
}
