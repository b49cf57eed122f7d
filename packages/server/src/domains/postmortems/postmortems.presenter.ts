import {
  type ActionItem,
  type ContributingFactor,
  type Contributor,
  formatIncidentNumber,
  isOpenActionItem,
  type PersonRef,
  type PostmortemComment,
  type PostmortemIncident,
  type PostmortemSection,
  type PostmortemSummary,
  type PostmortemTimelineEntry,
  parseTrackerUrl,
  type WhyChain,
  type WhyStep,
} from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { IncidentRow, SeverityRow } from '../incidents/incidents.model.js';
import { severityRef } from '../incidents/incidents.presenter.js';
import type { PersonName } from '../incidents/lookups.js';
import type { ActionItemRow, PmTimelineRow, PostmortemRow, SectionRow, WhyChainRow } from './postmortems.model.js';

// What leaves the server: every field is named here, so a new column never leaks by accident.

export type Names = Map<string, PersonName>;

export const personRef = (names: Names, id: string | null | undefined): PersonRef | null =>
  id ? { id, name: names.get(id)?.name ?? 'Unknown person' } : null;

export function presentIncidentRef(
  row: IncidentRow,
  severity: SeverityRow | undefined,
  services: { id: string; name: string }[],
): PostmortemIncident {
  return {
    id: row.id,
    number: formatIncidentNumber(row.number),
    title: row.title,
    status: row.status,
    severity: severityRef(severity),
    services,
    private: row.private === 1,
    declaredAt: toIsoOrNull(row.declared_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
  };
}

/** Draft past its due time, or not yet published past the publish due time. */
export const isPostmortemOverdue = (row: PostmortemRow, now: number): boolean =>
  (row.status === 'draft' && row.due_at != null && now >= row.due_at) ||
  (row.status !== 'published' && row.publish_due_at != null && now >= row.publish_due_at);

export function presentSummary(
  row: PostmortemRow,
  parts: {
    incident: PostmortemIncident;
    required: boolean;
    tags: string[];
    factors: string[];
    names: Names;
    now: number;
  },
): PostmortemSummary {
  return {
    id: row.id,
    incident: parts.incident,
    title: row.title,
    status: row.status,
    owner: personRef(parts.names, row.owner_id),
    required: parts.required,
    dueAt: toIsoOrNull(row.due_at),
    publishDueAt: toIsoOrNull(row.publish_due_at),
    overdue: isPostmortemOverdue(row, parts.now),
    reviewMeetingAt: toIsoOrNull(row.review_meeting_at),
    tags: parts.tags,
    factors: [...new Set(parts.factors)].sort(),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    submittedAt: toIsoOrNull(row.submitted_at),
    publishedAt: toIsoOrNull(row.published_at),
    version: row.version,
  };
}

export function presentSection(row: SectionRow, names: Names, openComments: number): PostmortemSection {
  return {
    key: row.key,
    title: row.title,
    kind: row.kind,
    prompt: row.prompt,
    body: row.body,
    version: row.version,
    updatedBy: personRef(names, row.updated_by),
    updatedAt: toIso(row.updated_at),
    openComments,
  };
}

/** Oldest first, each with the time since the entry before it. */
export function presentTimeline(rows: PmTimelineRow[], names: Names): PostmortemTimelineEntry[] {
  const sorted = [...rows].sort((a, b) => a.happened_at - b.happened_at || a.id.localeCompare(b.id));
  return sorted.map((row, i) => ({
    id: row.id,
    sourceEntryId: row.source_entry_id,
    kind: row.kind,
    text: row.text,
    actor: personRef(names, row.actor_id),
    happenedAt: toIso(row.happened_at),
    sincePreviousMs: i === 0 ? null : row.happened_at - sorted[i - 1]!.happened_at,
    edited: row.edited === 1,
  }));
}

export function presentChain(row: WhyChainRow, names: Names): WhyChain {
  const steps = JSON.parse(row.steps) as WhyStep[];
  return {
    id: row.id,
    problem: row.problem,
    steps,
    systemicCause: steps.at(-1)?.because ?? null,
    version: row.version,
    updatedBy: personRef(names, row.updated_by),
    updatedAt: toIso(row.updated_at),
  };
}

export const presentFactor = (row: { id: string; category: string; description: string }): ContributingFactor => ({
  id: row.id,
  category: row.category,
  description: row.description,
});

export function presentContributor(
  row: { user_id: string; reason: string; invited_at: number; last_contributed_at: number | null },
  names: Names,
): Contributor {
  return {
    person: personRef(names, row.user_id)!,
    reason: row.reason,
    invitedAt: toIso(row.invited_at),
    lastContributedAt: toIsoOrNull(row.last_contributed_at),
  };
}

export function presentComment(
  row: {
    id: string;
    section_key: string;
    author_id: string;
    body: string;
    created_at: number;
    resolved_at: number | null;
    resolved_by: string | null;
  },
  names: Names,
): PostmortemComment {
  return {
    id: row.id,
    section: row.section_key,
    author: personRef(names, row.author_id)!,
    body: row.body,
    createdAt: toIso(row.created_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
    resolvedBy: personRef(names, row.resolved_by),
  };
}

export function presentActionItem(
  row: ActionItemRow,
  parts: {
    incident: { id: string; number: number; title: string } | undefined;
    teams: Map<string, { id: string; name: string }>;
    names: Names;
    now: number;
  },
): ActionItem {
  return {
    id: row.id,
    incident: parts.incident
      ? { id: parts.incident.id, number: formatIncidentNumber(parts.incident.number), title: parts.incident.title }
      : { id: row.incident_id, number: '?', title: '' },
    postmortemId: row.postmortem_id,
    source: { kind: row.source_kind, id: row.source_id },
    title: row.title,
    description: row.description,
    kind: row.kind,
    priority: row.priority,
    status: row.status,
    owner: personRef(parts.names, row.owner_id),
    team: row.team_id ? (parts.teams.get(row.team_id) ?? { id: row.team_id, name: 'Unknown team' }) : null,
    dueAt: toIsoOrNull(row.due_at),
    overdue: isOpenActionItem(row.status) && row.due_at != null && parts.now >= row.due_at,
    trackerUrl: row.tracker_url,
    tracker: row.tracker_url ? parseTrackerUrl(row.tracker_url) : null,
    createdBy: personRef(parts.names, row.created_by),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    completedAt: toIsoOrNull(row.completed_at),
    version: row.version,
  };
}
