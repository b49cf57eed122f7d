import {
  type Decision,
  formatIncidentNumber,
  type IncidentSummary,
  isActive,
  type PersonRef,
  type Severity,
  type SeverityRef,
  type StatusUpdate,
  type TimelineEntry,
} from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { DecisionRow, IncidentRow, SeverityRow, StatusUpdateRow, TimelineRow } from './incidents.model.js';
import type { PersonName } from './lookups.js';

// What leaves the server: every field is named here, so a new column never leaks by accident.

export type Names = Map<string, PersonName>;

const person = (names: Names, id: string | null | undefined): PersonRef | null => {
  if (!id) return null;
  const found = names.get(id);
  return { id, name: found?.name ?? 'Unknown person' };
};
const personOrUnknown = (names: Names, id: string): PersonRef => person(names, id) ?? { id, name: 'Unknown person' };

const parseJson = <T>(text: string | null, fallback: T): T => {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function presentSeverity(row: SeverityRow): Severity {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    rank: row.rank,
    description: row.description,
    examples: parseJson<string[]>(row.examples, []),
    updateCadenceMinutes: row.update_cadence_minutes,
    urgency: row.urgency,
    upgradeAfterMinutes: row.upgrade_after_minutes,
    postmortemRequired: row.postmortem_required === 1,
    publicUpdateExpected: row.public_update_expected === 1,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export const severityRef = (row: SeverityRow | undefined): SeverityRef | null =>
  row ? { key: row.key, name: row.name, rank: row.rank, urgency: row.urgency } : null;

/** True from the due time until an update is posted, while the incident is being worked on. */
export const isUpdateOverdue = (row: IncidentRow, now: number): boolean =>
  row.next_update_due_at != null && isActive(row.status) && now >= row.next_update_due_at;

export type SummaryParts = {
  severity: SeverityRow | undefined;
  services: { id: string; name: string }[];
  commanderId: string | null;
  names: Names;
  now: number;
};

export function presentSummary(row: IncidentRow, parts: SummaryParts): IncidentSummary {
  return {
    id: row.id,
    number: formatIncidentNumber(row.number),
    title: row.title,
    slug: row.slug,
    channelName: row.channel_name,
    status: row.status,
    severity: severityRef(parts.severity),
    source: row.source,
    private: row.private === 1,
    services: parts.services,
    teamId: row.team_id,
    commander: person(parts.names, parts.commanderId),
    reporter: person(parts.names, row.reporter_id),
    detectedAt: toIsoOrNull(row.detected_at),
    declaredAt: toIsoOrNull(row.declared_at),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at),
    mitigatedAt: toIsoOrNull(row.mitigated_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
    closedAt: toIsoOrNull(row.closed_at),
    nextUpdateDueAt: isActive(row.status) ? toIsoOrNull(row.next_update_due_at) : null,
    updateOverdue: isUpdateOverdue(row, parts.now),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
  };
}

export function presentEntry(row: TimelineRow, names: Names): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind,
    text: row.text,
    actor: person(names, row.actor_id),
    happenedAt: toIso(row.happened_at),
    recordedAt: toIso(row.recorded_at),
    before: parseJson<unknown>(row.before_value, null),
    after: parseJson<unknown>(row.after_value, null),
    data: parseJson<Record<string, unknown>>(row.data, {}),
    pinned: row.pinned === 1,
    retracted:
      row.retracted_at === null
        ? null
        : { at: toIso(row.retracted_at), by: person(names, row.retracted_by), reason: row.retraction_reason },
  };
}

/** Everyone an entry names: who did it and who retracted it. */
export const entryPeople = (row: TimelineRow) => [row.actor_id, row.retracted_by];

export function presentDecision(row: DecisionRow, names: Names): Decision {
  return {
    id: row.id,
    incidentId: row.incident_id,
    question: row.question,
    options: parseJson<{ name: string; tradeoffs: string }[]>(row.options, []),
    choice: row.choice,
    rationale: row.rationale,
    decidedBy: personOrUnknown(names, row.decided_by),
    decidedAt: toIso(row.decided_at),
    recordedBy: personOrUnknown(names, row.recorded_by),
    createdAt: toIso(row.created_at),
  };
}

export function presentUpdate(row: StatusUpdateRow, names: Names): StatusUpdate {
  return {
    id: row.id,
    incidentId: row.incident_id,
    audience: row.audience,
    postedAt: toIso(row.posted_at),
    currentStatus: row.current_status,
    impact: row.impact,
    nextUpdateAt: toIsoOrNull(row.next_update_at),
    postedBy: personOrUnknown(names, row.posted_by),
  };
}
