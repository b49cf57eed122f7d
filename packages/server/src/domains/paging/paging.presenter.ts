import type { PageDetail, PageView } from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { AttemptRow, NotificationRow } from './notifications.repo.js';
import type { LogRow, PageRow, StepRow } from './pages.repo.js';

// What leaves the server about pages: whitelisted fields, ISO times, people by id and name.

type Names = Map<string, string>;
const ref = (names: Names, id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);

export function presentPage(row: PageRow, names: Names): PageView {
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    urgency: row.urgency,
    summary: row.summary,
    details: row.details,
    serviceId: row.service_id,
    teamId: row.team_id,
    incidentId: row.incident_id,
    policyId: row.policy_id,
    dedupKey: row.dedup_key,
    currentStep: row.current_step,
    createdBy: ref(names, row.created_by),
    createdAt: toIso(row.created_at),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at),
    acknowledgedBy: ref(names, row.acknowledged_by),
    resolvedAt: toIsoOrNull(row.resolved_at),
    resolvedBy: ref(names, row.resolved_by),
  };
}

export function presentPageDetail(
  row: PageRow,
  parts: { steps: StepRow[]; notifications: NotificationRow[]; attempts: AttemptRow[]; log: LogRow[] },
  names: Names,
): PageDetail {
  const notification = (n: NotificationRow) => ({
    id: n.id,
    user: ref(names, n.user_id)!,
    step: n.step,
    channel: n.channel,
    contactMethodId: n.contact_method_id,
    address: n.address,
    status: n.status,
    dueAt: toIso(n.due_at),
    sentAt: toIsoOrNull(n.sent_at),
    lastError: n.last_error,
    attempts: parts.attempts
      .filter((a) => a.notification_id === n.id)
      .map((a) => ({
        attempt: a.attempt,
        status: a.status,
        error: a.error,
        httpStatus: a.http_status,
        startedAt: toIso(a.started_at),
        latencyMs: a.latency_ms,
      })),
  });
  return {
    ...presentPage(row, names),
    steps: parts.steps.map((s) => ({
      step: s.step,
      levelIndex: s.level_index,
      levelName: s.level_name,
      reason: s.reason,
      startedAt: toIso(s.started_at),
      nextStepAt: toIsoOrNull(s.next_step_at),
      users: (JSON.parse(s.user_ids) as string[]).map((id) => ref(names, id)!),
      notifications: parts.notifications.filter((n) => n.step === s.step).map(notification),
    })),
    log: parts.log.map((l) => ({ kind: l.kind, actor: ref(names, l.actor_id), text: l.text, at: toIso(l.at) })),
  };
}

/** Every user id a page detail names, to look their names up in one query. */
export function namedUsers(row: PageRow, steps: StepRow[], log: LogRow[]): string[] {
  return [
    row.created_by,
    row.acknowledged_by,
    row.resolved_by,
    ...steps.flatMap((s) => JSON.parse(s.user_ids) as string[]),
    ...log.map((l) => l.actor_id),
  ].filter((id): id is string => id !== null);
}
