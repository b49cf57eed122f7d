import type { Executor } from '../../core/db/database.js';
import type { IncidentRow, SeverityRow, TimelineRow } from '../incidents/incidents.model.js';
import { servicesOfIncidents } from '../incidents/incidents.repo.js';
import { listDecisionRows, listStatusUpdateRows } from '../incidents/records.repo.js';
import { getSeverityById } from '../incidents/severities.repo.js';
import { listTimelineRows } from '../incidents/timeline.repo.js';
import { computeFigures } from './process-figures.js';

// Everything a postmortem takes from its incident, read once when the draft is created. Read-only:
// the incidents domain owns these tables; its repo functions are used where they exist.

/** Timeline kinds copied into a postmortem besides pinned entries: the shape of the response. */
export const COPIED_KINDS = [
  'declared',
  'reported',
  'status_changed',
  'severity_changed',
  'role_assigned',
  'role_relieved',
  'decision',
  'status_update',
  'merged_in',
];

async function allTimeline(ex: Executor, incidentId: string, query: { kinds?: string[]; pinned?: boolean }) {
  const rows: TimelineRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTimelineRows(ex, incidentId, { order: 'asc', limit: 500, cursor, ...query });
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

// No repo function of the incidents domain lists relieved holders too: role history is read here.
const roleHistory = (ex: Executor, incidentId: string) =>
  ex
    .selectFrom('incident_roles')
    .innerJoin('users', 'users.id', 'incident_roles.user_id')
    .select(['incident_roles.role', 'incident_roles.user_id', 'users.name'])
    .where('incident_roles.incident_id', '=', incidentId)
    .orderBy('incident_roles.assigned_at')
    .orderBy('incident_roles.id')
    .execute();

export type IncidentFacts = Awaited<ReturnType<typeof loadIncidentFacts>>;

export async function loadIncidentFacts(ex: Executor, incident: IncidentRow) {
  const [severity, services, roles, everything, pinned, decisions, updates] = await Promise.all([
    incident.severity_id ? getSeverityById(ex, incident.severity_id) : Promise.resolve(undefined),
    servicesOfIncidents(ex, [incident.id]),
    roleHistory(ex, incident.id),
    allTimeline(ex, incident.id, {}),
    allTimeline(ex, incident.id, { pinned: true }),
    listDecisionRows(ex, incident.id),
    listStatusUpdateRows(ex, incident.id, 10_000),
  ]);
  const pinnedIds = new Set(pinned.map((r) => r.id));
  const copied = everything.filter((r) => pinnedIds.has(r.id) || COPIED_KINDS.includes(r.kind));

  // Everyone involved, with the first reason found: roles first, then the record they left.
  const involved = new Map<string, string>();
  const add = (id: string | null | undefined, reason: string) => {
    if (id && !involved.has(id)) involved.set(id, reason);
  };
  for (const r of roles) add(r.user_id, r.role);
  add(incident.reporter_id, 'reporter');
  for (const d of decisions) {
    add(d.decided_by, 'decision');
    add(d.recorded_by, 'decision');
  }
  for (const u of updates) add(u.posted_by, 'status updates');
  for (const e of everything) add(e.actor_id, 'timeline');

  const figures = computeFigures({
    source: incident.source,
    detectedAt: incident.detected_at,
    declaredAt: incident.declared_at,
    acknowledgedAt: incident.acknowledged_at,
    mitigatedAt: incident.mitigated_at,
    resolvedAt: incident.resolved_at,
    cadenceMinutes: severity?.update_cadence_minutes ?? null,
    updateTimes: updates.map((u) => u.posted_at),
    overdueReminders: everything.filter((e) => e.kind === 'update_overdue').length,
    roles: roles.map((r) => ({ role: r.role, person: r.name })),
  });

  return {
    incident,
    severity: severity as SeverityRow | undefined,
    services: services.get(incident.id) ?? [],
    timeline: copied,
    involved,
    figures,
  };
}
