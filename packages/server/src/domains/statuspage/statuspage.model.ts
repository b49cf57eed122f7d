import type { ComponentStatus, IncidentImpact, SubscriberKind } from '@firebreak/shared';
import type { Selectable } from 'kysely';

// Row types of the status page (see migrations/2026-11-23-050-statuspage.ts).

export interface StatusPageSettingsTable {
  id: string;
  name: string;
  logo_url: string | null;
  brand_color: string;
  background_color: string;
  text_color: string;
  time_zone: string;
  status_host: string | null;
  support_url: string | null;
  updated_at: number;
}

export interface StatusComponentGroupsTable {
  id: string;
  name: string;
  description: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface StatusComponentsTable {
  id: string;
  name: string;
  description: string;
  group_id: string | null;
  position: number;
  status: ComponentStatus;
  showcase: number;
  only_show_if_degraded: number;
  /** YYYY-MM-DD; uptime is counted from this day. */
  start_date: string | null;
  created_at: number;
  updated_at: number;
}

export interface StatusComponentServicesTable {
  component_id: string;
  service_id: string;
}

export interface StatusComponentHistoryTable {
  id: string;
  component_id: string;
  status: ComponentStatus;
  started_at: number;
  ended_at: number | null;
}

export type PublicKind = 'incident' | 'maintenance';

export interface StatusIncidentsTable {
  id: string;
  kind: PublicKind;
  incident_id: string | null;
  name: string;
  /** PublicIncidentStatus for incidents, MaintenanceStatus for maintenance. */
  status: string;
  impact: IncidentImpact | 'maintenance';
  scheduled_for: number | null;
  scheduled_until: number | null;
  started_at: number;
  monitoring_at: number | null;
  resolved_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface StatusIncidentComponentsTable {
  status_incident_id: string;
  component_id: string;
  status: ComponentStatus;
}

export interface StatusIncidentServicesTable {
  status_incident_id: string;
  service_id: string;
}

export interface StatusIncidentUpdatesTable {
  id: string;
  status_incident_id: string;
  status: string;
  body: string;
  /** JSON array of ComponentChange. */
  component_changes: string;
  incident_update_id: string | null;
  posted_by: string | null;
  created_at: number;
}

export type ReportState = 'draft' | 'reviewed' | 'published';

export interface StatusReportsTable {
  id: string;
  status_incident_id: string;
  state: ReportState;
  apology: string;
  what_happened: string;
  root_cause: string;
  what_we_fixed: string;
  prevention: string;
  edited_by: string | null;
  reviewed_by: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface StatusSubscribersTable {
  id: string;
  kind: SubscriberKind;
  address: string;
  /** JSON array of component ids; empty for all. */
  component_ids: string;
  confirm_nonce: string | null;
  confirm_sent_at: number | null;
  confirmed_at: number | null;
  unsubscribed_at: number | null;
  created_at: number;
  updated_at: number;
}

export type NotificationStatus = 'pending' | 'sent' | 'failed';

export interface StatusNotificationsTable {
  id: string;
  subscriber_id: string;
  /** `update:<id>`, `report:<id>` or `confirm:<nonce>`. */
  subject: string;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

declare module '../../core/db/database.js' {
  interface Tables {
    status_page_settings: StatusPageSettingsTable;
    status_component_groups: StatusComponentGroupsTable;
    status_components: StatusComponentsTable;
    status_component_services: StatusComponentServicesTable;
    status_component_history: StatusComponentHistoryTable;
    status_incidents: StatusIncidentsTable;
    status_incident_components: StatusIncidentComponentsTable;
    status_incident_services: StatusIncidentServicesTable;
    status_incident_updates: StatusIncidentUpdatesTable;
    status_reports: StatusReportsTable;
    status_subscribers: StatusSubscribersTable;
    status_notifications: StatusNotificationsTable;
  }
}

declare module '../../core/events.js' {
  interface DomainEvents {
    /** Anything shown on the public page changed; every process rebuilds its snapshot. */
    'statuspage.changed': { reason: string };
    'statuspage.incident_published': { statusIncidentId: string; incidentId: string | null };
    'statuspage.update_posted': { statusIncidentId: string; updateId: string };
    'statuspage.report_published': { statusIncidentId: string; reportId: string };
  }
}

export type SettingsRow = Selectable<StatusPageSettingsTable>;
export type ComponentRow = Selectable<StatusComponentsTable>;
export type GroupRow = Selectable<StatusComponentGroupsTable>;
export type HistoryRow = Selectable<StatusComponentHistoryTable>;
export type PublicIncidentRow = Selectable<StatusIncidentsTable>;
export type PublicUpdateRow = Selectable<StatusIncidentUpdatesTable>;
export type ReportRow = Selectable<StatusReportsTable>;
export type SubscriberRow = Selectable<StatusSubscribersTable>;
export type NotificationRow = Selectable<StatusNotificationsTable>;

/** Job kinds. */
export const JOB_FANOUT = 'statuspage-fanout';
export const JOB_DELIVER = 'statuspage-deliver';
export const JOB_MAINTENANCE_START = 'statuspage-maintenance-start';
export const JOB_MAINTENANCE_COMPLETE = 'statuspage-maintenance-complete';

/** PostgreSQL channel: "the public page changed", delivered to every process at commit. */
export const STATUSPAGE_CHANNEL = 'firebreak_statuspage';

/** The one settings row. */
export const SETTINGS_ID = 'default';

/** Delivery attempts per notification before it is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
