import type {
  AffectedComponent,
  ComponentChange,
  ComponentGroup,
  PublicIncident,
  PublicIncidentReport,
  PublicUpdate,
  StatusComponent,
  StatusSubscriber,
} from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type {
  ComponentRow,
  GroupRow,
  NotificationRow,
  PublicIncidentRow,
  PublicUpdateRow,
  ReportRow,
  SubscriberRow,
} from './statuspage.model.js';

// What leaves the server through the admin API: whitelisted fields, wire names, ISO times.

export function presentGroup(row: GroupRow, componentIds: string[]): ComponentGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    componentIds,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentComponent(row: ComponentRow, serviceIds: string[]): StatusComponent {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    groupId: row.group_id,
    position: row.position,
    status: row.status,
    showcase: row.showcase === 1,
    onlyShowIfDegraded: row.only_show_if_degraded === 1,
    serviceIds,
    startDate: row.start_date,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export const componentChangesOf = (row: Pick<PublicUpdateRow, 'component_changes'>): ComponentChange[] =>
  JSON.parse(row.component_changes) as ComponentChange[];

export function presentUpdate(row: PublicUpdateRow): PublicUpdate {
  return {
    id: row.id,
    status: row.status,
    body: row.body,
    componentChanges: componentChangesOf(row),
    createdAt: toIso(row.created_at),
  };
}

export function presentPublicIncident(
  row: PublicIncidentRow,
  related: { components: AffectedComponent[]; serviceIds: string[]; updates: PublicUpdateRow[]; url: string },
): PublicIncident {
  return {
    id: row.id,
    kind: row.kind,
    incidentId: row.incident_id,
    name: row.name,
    status: row.status,
    impact: row.impact,
    components: related.components,
    serviceIds: related.serviceIds,
    scheduledFor: toIsoOrNull(row.scheduled_for),
    scheduledUntil: toIsoOrNull(row.scheduled_until),
    startedAt: toIso(row.started_at),
    monitoringAt: toIsoOrNull(row.monitoring_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
    updates: related.updates.map(presentUpdate),
    url: related.url,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentSubscriber(row: SubscriberRow, last: NotificationRow | undefined): StatusSubscriber {
  return {
    id: row.id,
    kind: row.kind,
    address: row.address,
    componentIds: JSON.parse(row.component_ids) as string[],
    state: row.unsubscribed_at ? 'unsubscribed' : row.confirmed_at ? 'confirmed' : 'pending',
    createdAt: toIso(row.created_at),
    confirmedAt: toIsoOrNull(row.confirmed_at),
    lastDelivery: last
      ? { status: last.status, at: toIso(last.sent_at ?? last.created_at), error: last.last_error }
      : null,
  };
}

export function presentReport(row: ReportRow, names: Map<string, { id: string; name: string }>): PublicIncidentReport {
  const person = (id: string | null) => (id ? { id, name: names.get(id)?.name ?? 'Unknown person' } : null);
  return {
    id: row.id,
    publicIncidentId: row.status_incident_id,
    state: row.state,
    apology: row.apology,
    whatHappened: row.what_happened,
    rootCause: row.root_cause,
    whatWeFixed: row.what_we_fixed,
    prevention: row.prevention,
    editedBy: person(row.edited_by),
    reviewedBy: person(row.reviewed_by),
    publishedAt: toIsoOrNull(row.published_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
