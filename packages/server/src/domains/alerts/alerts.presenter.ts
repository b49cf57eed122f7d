import type {
  Alert,
  AlertEvent,
  AlertGroup,
  ChangeEvent,
  Integration,
  IntegrationStats,
  MaintenanceWindow,
} from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type {
  AlertEventRow,
  AlertGroupRow,
  AlertRow,
  ChangeEventRow,
  IntegrationRow,
  MaintenanceWindowRow,
} from './alerts.model.js';
import type { IntegrationCounts } from './integrations.repo.js';
import { endpointUrl } from './routing-key.js';

// What leaves the server. Whitelists fields so a new column never leaks by accident (the key hash never does).

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export type Names = Map<string, string>;
const ref = (id: string | null, names: Names) => (id ? { id, name: names.get(id) ?? 'Someone' } : null);

export function presentAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    integrationId: row.integration_id,
    serviceId: row.service_id,
    groupId: row.group_id,
    dedupKey: row.dedup_key,
    status: row.status,
    severity: row.severity,
    summary: row.summary,
    source: row.source,
    component: row.component,
    group: row.source_group,
    class: row.class_name,
    details: json(row.details),
    labels: json(row.labels),
    annotations: json(row.annotations),
    links: JSON.parse(row.links),
    images: JSON.parse(row.images),
    client: row.client,
    clientUrl: row.client_url,
    format: row.format,
    eventCount: row.event_count,
    flapping: row.flapping === 1,
    inMaintenance: row.in_maintenance === 1,
    noise: row.noise,
    occurredAt: toIsoOrNull(row.occurred_at),
    createdAt: toIso(row.created_at),
    lastEventAt: toIso(row.last_event_at),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
  };
}

export function presentEvent(row: AlertEventRow): AlertEvent {
  return {
    id: row.id,
    action: row.action,
    summary: row.summary,
    severity: row.severity,
    details: json(row.details),
    occurredAt: toIsoOrNull(row.occurred_at),
    receivedAt: toIso(row.received_at),
  };
}

export function presentGroup(row: AlertGroupRow, names: Names): AlertGroup {
  return {
    id: row.id,
    serviceId: row.service_id,
    integrationId: row.integration_id,
    groupKey: row.group_key,
    title: row.title,
    status: row.status,
    severity: row.severity,
    alertCount: row.alert_count,
    openCount: row.open_count,
    notifyState: row.notify_state,
    notifyNote: row.notify_note,
    pageId: row.page_id,
    incidentId: row.incident_id,
    firstAlertAt: toIso(row.first_alert_at),
    lastAlertAt: toIso(row.last_alert_at),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at),
    acknowledgedBy: ref(row.acknowledged_by, names),
    resolvedAt: toIsoOrNull(row.resolved_at),
    resolvedBy: ref(row.resolved_by, names),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

const WEEKS = 4;

export function presentStats(counts: IntegrationCounts | undefined): IntegrationStats {
  const c = counts ?? { alerts: 0, useful: 0, noisy: 0, pages: 0 };
  const judged = c.useful + c.noisy;
  return {
    alerts: c.alerts,
    useful: c.useful,
    noisy: c.noisy,
    noiseRatio: judged ? Math.round((c.noisy / judged) * 1000) / 1000 : null,
    pagesPerWeek: Math.round((c.pages / WEEKS) * 100) / 100,
  };
}

export function presentIntegration(
  row: IntegrationRow,
  counts: IntegrationCounts | undefined,
  publicUrl: string,
): Integration {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    kind: row.kind,
    keyHint: row.key_hint,
    endpointUrl: endpointUrl(publicUrl, row.kind, { hint: row.key_hint }),
    graceSeconds: row.grace_seconds,
    groupWindowSeconds: row.group_window_seconds,
    groupBy: JSON.parse(row.group_by),
    urgencyMap: JSON.parse(row.urgency_map),
    flapFlips: row.flap_flips,
    flapWindowMinutes: row.flap_window_minutes,
    mapping: json(row.mapping),
    autoIncident: json(row.auto_incident),
    heartbeat:
      row.heartbeat_minutes === null
        ? null
        : {
            intervalMinutes: row.heartbeat_minutes,
            lastPingAt: toIsoOrNull(row.last_ping_at),
            state: row.heartbeat_state ?? 'waiting',
          },
    stats: presentStats(counts),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentMaintenance(row: MaintenanceWindowRow, now: number): MaintenanceWindow {
  return {
    id: row.id,
    serviceId: row.service_id,
    startsAt: toIso(row.starts_at),
    endsAt: toIso(row.ends_at),
    reason: row.reason,
    origin: row.origin,
    active: row.starts_at <= now && now < row.ends_at,
    createdAt: toIso(row.created_at),
  };
}

export function presentChange(row: ChangeEventRow): ChangeEvent {
  return {
    id: row.id,
    serviceId: row.service_id,
    integrationId: row.integration_id,
    summary: row.summary,
    source: row.source,
    details: json(row.details),
    links: JSON.parse(row.links),
    occurredAt: toIso(row.occurred_at),
    receivedAt: toIso(row.received_at),
  };
}
