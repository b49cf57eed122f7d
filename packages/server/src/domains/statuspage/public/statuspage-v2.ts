import { worstComponentStatus } from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../../core/clock.js';
import type { ComponentRow } from '../statuspage.model.js';
import { componentChangesOf } from '../statuspage.presenter.js';
import {
  type IncidentModel,
  isActiveMaintenance,
  isOpenIncident,
  isUpcomingMaintenance,
  type PageModel,
} from './page-model.js';

// The Atlassian Statuspage public API v2 shapes (summary, status, components, incidents,
// scheduled maintenances), so aggregators and tools that read Statuspage pages read ours too.

const INCIDENT_LIMIT = 50;

export function v2Page(model: PageModel) {
  return {
    id: model.pageId,
    name: model.settings.name,
    url: model.url,
    time_zone: model.settings.time_zone,
    updated_at: toIso(model.updatedAt),
  };
}

export const v2Status = (model: PageModel) => ({ ...model.overall });

/** Components with groups as Statuspage lists them: groups are components with `group: true`. */
export function v2Components(model: PageModel) {
  const groups = model.groups.map((g) => ({
    id: g.id,
    name: g.name,
    status: worstComponentStatus(model.components.filter((c) => c.group_id === g.id).map((c) => c.status)),
    created_at: toIso(g.created_at),
    updated_at: toIso(g.updated_at),
    position: g.position,
    description: g.description || null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: model.pageId,
    group: true,
    only_show_if_degraded: false,
    components: model.components.filter((c) => c.group_id === g.id).map((c) => c.id),
  }));
  return [...groups, ...model.components.map((c) => v2Component(model.pageId, c))].sort(
    (a, b) => a.position - b.position || a.name.localeCompare(b.name),
  );
}

export function v2Component(pageId: string, c: ComponentRow) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: toIso(c.created_at),
    updated_at: toIso(c.updated_at),
    position: c.position,
    description: c.description || null,
    showcase: c.showcase === 1,
    start_date: c.start_date,
    group_id: c.group_id,
    page_id: pageId,
    group: false,
    only_show_if_degraded: c.only_show_if_degraded === 1,
  };
}

export function v2Incident(pageId: string, components: ComponentRow[], i: IncidentModel) {
  const row = i.row;
  const affected = components.filter((c) => i.components.some((a) => a.componentId === c.id));
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
    monitoring_at: toIsoOrNull(row.monitoring_at),
    resolved_at: toIsoOrNull(row.resolved_at),
    impact: row.kind === 'maintenance' ? 'maintenance' : row.impact,
    shortlink: i.url,
    started_at: toIso(row.started_at),
    page_id: pageId,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: row.id,
      created_at: toIso(u.created_at),
      updated_at: toIso(u.created_at),
      display_at: toIso(u.created_at),
      affected_components: componentChangesOf(u).map((ch) => ({
        code: ch.componentId,
        name: ch.name,
        old_status: ch.oldStatus,
        new_status: ch.newStatus,
      })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: affected.map((c) => v2Component(pageId, c)),
    ...(row.kind === 'maintenance'
      ? { scheduled_for: toIsoOrNull(row.scheduled_for), scheduled_until: toIsoOrNull(row.scheduled_until) }
      : {}),
  };
}

const incidentsOf = (model: PageModel, keep: (i: IncidentModel) => boolean, limit = INCIDENT_LIMIT) =>
  model.incidents
    .filter(keep)
    .slice(0, limit)
    .map((i) => v2Incident(model.pageId, model.components, i));

/** Every v2 document by its path under /api/v2. */
export const V2_DOCUMENTS: Record<string, (model: PageModel) => unknown> = {
  'summary.json': (m) => ({
    page: v2Page(m),
    components: v2Components(m),
    incidents: incidentsOf(m, isOpenIncident),
    scheduled_maintenances: incidentsOf(m, (i) => isActiveMaintenance(i) || isUpcomingMaintenance(i)),
    status: v2Status(m),
  }),
  'status.json': (m) => ({ page: v2Page(m), status: v2Status(m) }),
  'components.json': (m) => ({ page: v2Page(m), components: v2Components(m) }),
  'incidents.json': (m) => ({ page: v2Page(m), incidents: incidentsOf(m, (i) => i.row.kind === 'incident') }),
  'incidents/unresolved.json': (m) => ({ page: v2Page(m), incidents: incidentsOf(m, isOpenIncident) }),
  'scheduled-maintenances.json': (m) => ({
    page: v2Page(m),
    scheduled_maintenances: incidentsOf(m, (i) => i.row.kind === 'maintenance'),
  }),
  'scheduled-maintenances/upcoming.json': (m) => ({
    page: v2Page(m),
    scheduled_maintenances: incidentsOf(m, isUpcomingMaintenance),
  }),
  'scheduled-maintenances/active.json': (m) => ({
    page: v2Page(m),
    scheduled_maintenances: incidentsOf(m, isActiveMaintenance),
  }),
};
