import type { AlertSeverity, AlertStatus, IntegrationKind, NoiseVerdict, NotifyState } from '@firebreak/shared';
import type { Selectable } from 'kysely';

// Row types of the alerts tables (see migrations/2026-11-23-040-alerts.ts).

export interface AlertIntegrationsTable {
  id: string;
  service_id: string;
  name: string;
  kind: IntegrationKind;
  /** sha256 (hex) of the routing key: looked up on every inbound event, the key itself is never stored. */
  key_hash: string;
  key_hint: string;
  grace_seconds: number;
  group_window_seconds: number;
  /** JSON array of field names. */
  group_by: string;
  /** JSON object severity → urgency (overrides only). */
  urgency_map: string;
  flap_flips: number;
  flap_window_minutes: number;
  /** JSON WebhookMapping, webhook integrations only. */
  mapping: string | null;
  /** JSON AutoIncidentRule. */
  auto_incident: string | null;
  heartbeat_minutes: number | null;
  heartbeat_state: 'waiting' | 'ok' | 'missed' | null;
  last_ping_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlertGroupsTable {
  id: string;
  service_id: string;
  integration_id: string | null;
  group_key: string | null;
  title: string;
  status: AlertStatus;
  severity: AlertSeverity;
  alert_count: number;
  open_count: number;
  notify_state: NotifyState;
  notify_note: string;
  page_id: string | null;
  incident_id: string | null;
  first_alert_at: number;
  last_alert_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlertsTable {
  id: string;
  integration_id: string;
  service_id: string;
  group_id: string;
  dedup_key: string;
  status: AlertStatus;
  severity: AlertSeverity;
  summary: string;
  source: string;
  component: string | null;
  source_group: string | null;
  class_name: string | null;
  /** JSON. */
  details: string | null;
  labels: string | null;
  annotations: string | null;
  links: string;
  images: string;
  client: string | null;
  client_url: string | null;
  format: string;
  event_count: number;
  /** Hash of the last accepted event's content: an identical retry changes nothing. */
  last_hash: string;
  /** JSON array of epoch ms of recent state changes (trigger ↔ resolve), for flap detection. */
  flips: string;
  flapping: number;
  in_maintenance: number;
  noise: NoiseVerdict | null;
  noise_by: string | null;
  noise_at: number | null;
  occurred_at: number | null;
  last_event_at: number;
  /** The latest of its events: the head of its history (each event names the one before it). */
  last_event_id: string | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  created_at: number;
}

/**
 * Append-only, in id (time) order. No index on alert_id: an alert's history is read by following
 * `prev_id` from the alert's `last_event_id` (see the migration 2026-11-23-150 for why).
 */
export interface AlertEventsTable {
  id: string;
  alert_id: string;
  /** The alert's event before this one; null for its first. */
  prev_id: string | null;
  action: 'trigger' | 'acknowledge' | 'resolve';
  summary: string;
  severity: AlertSeverity | null;
  details: string | null;
  occurred_at: number | null;
  received_at: number;
}

export interface MaintenanceWindowsTable {
  id: string;
  service_id: string;
  starts_at: number;
  ends_at: number;
  reason: string;
  origin: string;
  created_by: string | null;
  created_at: number;
}

export interface ChangeEventsTable {
  id: string;
  service_id: string;
  integration_id: string | null;
  summary: string;
  source: string | null;
  details: string | null;
  links: string;
  occurred_at: number;
  received_at: number;
}

declare module '../../core/db/database.js' {
  interface Tables {
    alert_integrations: AlertIntegrationsTable;
    alert_groups: AlertGroupsTable;
    alerts: AlertsTable;
    alert_events: AlertEventsTable;
    maintenance_windows: MaintenanceWindowsTable;
    change_events: ChangeEventsTable;
  }
}

declare module '../../core/events.js' {
  interface DomainEvents {
    /** A new alert group opened (after commit). */
    'alert-group.opened': { groupId: string; serviceId: string };
    'alert-group.acknowledged': { groupId: string; userId: string | null };
    'alert-group.resolved': { groupId: string; userId: string | null };
    /** Events of one ingest commit: how many alerts were created and updated. */
    'alerts.ingested': { created: number; updated: number; serviceIds: string[] };
  }
}

export type IntegrationRow = Selectable<AlertIntegrationsTable>;
export type AlertGroupRow = Selectable<AlertGroupsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type AlertEventRow = Selectable<AlertEventsTable>;
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;
export type ChangeEventRow = Selectable<ChangeEventsTable>;

export const JOB_PAGE_GROUP = 'alert-group-page';
export const JOB_SYNC_PAGE = 'alert-group-sync-page';
export const JOB_DECLARE = 'alert-group-declare';
export const JOB_HEARTBEAT = 'alert-heartbeat-check';
export const JOB_FLAP_SETTLE = 'alert-flap-settle';
export const JOB_SWEEP_EVENTS = 'alert-events-sweep';

export const pageJobKey = (groupId: string) => `${JOB_PAGE_GROUP}:${groupId}`;
export const declareJobKey = (groupId: string) => `${JOB_DECLARE}:${groupId}`;
export const heartbeatJobKey = (integrationId: string) => `${JOB_HEARTBEAT}:${integrationId}`;
export const flapSettleKey = (groupId: string) => `${JOB_FLAP_SETTLE}:${groupId}`;
/** The dedup key of the paging domain's page for a group: a second page job joins the open page. */
export const groupPageDedupKey = (groupId: string) => `alert-group:${groupId}`;

/** The dedup key under which a missed heartbeat raises (and a ping resolves) its alert. */
export const HEARTBEAT_DEDUP_KEY = 'heartbeat-missed';
