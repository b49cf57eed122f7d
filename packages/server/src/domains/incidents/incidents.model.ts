import type { IncidentSource, IncidentStatus, UpdateAudience, Urgency } from '@firebreak/shared';
import type { Selectable } from 'kysely';

// Row types of the incidents domain (see migrations/2026-11-23-010-incidents.ts).

export interface SeveritiesTable {
  id: string;
  key: string;
  name: string;
  rank: number;
  description: string;
  /** JSON array of strings. */
  examples: string;
  update_cadence_minutes: number | null;
  urgency: Urgency;
  upgrade_after_minutes: number | null;
  postmortem_required: number;
  public_update_expected: number;
  created_at: number;
  updated_at: number;
}

export interface IncidentSequencesTable {
  name: string;
  value: number;
}

export interface IncidentRoleTypesTable {
  key: string;
  name: string;
  description: string;
  multiple: number;
  created_at: number;
}

export interface IncidentsTable {
  id: string;
  number: number;
  title: string;
  slug: string;
  /** `inc-YYYY-MM-DD-slug`, set when the incident is declared (not while in triage). */
  channel_name: string | null;
  status: IncidentStatus;
  /** Null only while in triage. */
  severity_id: string | null;
  source: IncidentSource;
  private: number;
  summary: string;
  impact: string;
  users_affected: number | null;
  report_customer: string | null;
  report_observed: string | null;
  /** The team a triage report was routed to: the owner of its first owned affected service. */
  team_id: string | null;
  reporter_id: string | null;
  declined_reason: string | null;
  merged_into_id: string | null;
  detected_at: number | null;
  declared_at: number | null;
  acknowledged_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  /** When the current severity was set: the upgrade prompt counts from here. */
  severity_set_at: number | null;
  next_update_due_at: number | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface IncidentServicesTable {
  incident_id: string;
  service_id: string;
  /** The incident's number (never changes): service-filtered lists page by it from this table. */
  incident_number: number;
}

export interface IncidentRolesTable {
  id: string;
  incident_id: string;
  role: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: number;
  /** Set when handed over or removed; rows are kept as the role history. */
  relieved_at: number | null;
}

export interface IncidentSubscribersTable {
  incident_id: string;
  user_id: string;
  added_by: string | null;
  created_at: number;
}

export interface TimelineEntriesTable {
  id: string;
  incident_id: string;
  kind: string;
  actor_id: string | null;
  text: string;
  /** JSON, or null. */
  before_value: string | null;
  after_value: string | null;
  /** JSON object. */
  data: string;
  happened_at: number;
  recorded_at: number;
  pinned: number;
  /** Set when the entry was retracted: kept for the audit trail, hidden from the timeline by default. */
  retracted_at: number | null;
  /** Who retracted it; null for the system (or while not retracted). */
  retracted_by: string | null;
  retraction_reason: string | null;
}

export interface IncidentDecisionsTable {
  id: string;
  incident_id: string;
  question: string;
  /** JSON array of { name, tradeoffs }. */
  options: string;
  choice: string;
  rationale: string;
  decided_by: string;
  decided_at: number;
  recorded_by: string;
  created_at: number;
}

export interface IncidentStatusUpdatesTable {
  id: string;
  incident_id: string;
  audience: UpdateAudience;
  current_status: string;
  impact: string;
  next_update_at: number | null;
  posted_by: string;
  posted_at: number;
  /** The same audience's previous update of this incident: when it was posted (null for the first). */
  previous_posted_at: number | null;
  /** …and when it said the next would come; with posted_at, what analytics' cadence adherence compares against. */
  previous_next_update_at: number | null;
}

export interface IncidentUpdateDeliveriesTable {
  update_id: string;
  user_id: string;
  sent_at: number;
}

export interface IncidentNoticesTable {
  incident_id: string;
  kind: string;
  due_at: number;
  created_at: number;
}

export interface IncidentSearchDocsTable {
  /** `number * DOC_ID_SLOTS + slot` (see search.repo.ts): in incident order. */
  id: import('kysely').Generated<number>;
  incident_id: string;
  /** What the document is: `incident`, later `postmortem`. One document per incident and source. */
  source: string;
  title: string;
  body: string;
}

declare module '../../core/db/database.js' {
  interface Tables {
    severities: SeveritiesTable;
    incident_sequences: IncidentSequencesTable;
    incident_role_types: IncidentRoleTypesTable;
    incidents: IncidentsTable;
    incident_services: IncidentServicesTable;
    incident_roles: IncidentRolesTable;
    incident_subscribers: IncidentSubscribersTable;
    timeline_entries: TimelineEntriesTable;
    incident_decisions: IncidentDecisionsTable;
    incident_status_updates: IncidentStatusUpdatesTable;
    incident_update_deliveries: IncidentUpdateDeliveriesTable;
    incident_notices: IncidentNoticesTable;
    incident_search_docs: IncidentSearchDocsTable;
  }
}

export type SeverityRow = Selectable<SeveritiesTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type RoleRow = Selectable<IncidentRolesTable>;
export type TimelineRow = Selectable<TimelineEntriesTable>;
export type DecisionRow = Selectable<IncidentDecisionsTable>;
export type StatusUpdateRow = Selectable<IncidentStatusUpdatesTable>;

/** Events other domains react to. Every change also emits `incident.changed` for live views. */
declare module '../../core/events.js' {
  interface DomainEvents {
    'incident.declared': { incidentId: string; severity: string; commanderId: string | null; private: boolean };
    'incident.reported': { incidentId: string; teamId: string | null };
    'incident.status_changed': { incidentId: string; from: IncidentStatus; to: IncidentStatus };
    'incident.severity_changed': { incidentId: string; from: string | null; to: string; reason: string };
    'incident.role_assigned': { incidentId: string; role: string; userId: string; previousUserId: string | null };
    'incident.update_posted': { incidentId: string; updateId: string; audience: UpdateAudience };
    'incident.update_overdue': { incidentId: string; dueAt: number; recipientId: string; step: ReminderStep };
    'incident.upgrade_prompt': {
      incidentId: string;
      commanderId: string | null;
      severity: string;
      suggestedSeverity: string | null;
    };
    'incident.changed': { incidentId: string };
  }
}

/** Who an overdue-update reminder goes to: the communications lead first, then the commander. */
export type ReminderStep = 'communications_lead' | 'commander';

/** Job kinds of this domain. */
export const JOB_UPDATE_REMINDER = 'incident-update-reminder';
export const JOB_UPGRADE_PROMPT = 'incident-upgrade-prompt';
export const JOB_STAKEHOLDER_EMAIL = 'incident-stakeholder-email';

/** How long after the communications lead's reminder the commander is reminded too. */
export const ESCALATE_REMINDER_AFTER_MS = 5 * 60_000;
