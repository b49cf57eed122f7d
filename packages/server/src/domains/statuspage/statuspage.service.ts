import type { ComponentGroup, ComponentStatus, PublicIncident, StatusComponent } from '@firebreak/shared';
import { worstComponentStatus } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { notFound } from '../../core/errors.js';
import { componentServiceIds, listComponentRows, listGroupRows } from './components.repo.js';
import {
  getPublicIncidentRow,
  listAffectedComponentRows,
  listHeldStatuses,
  listMaintenanceServiceRows,
  listPublicUpdateRows,
  maintenanceCoversService,
} from './incidents.repo.js';
import { loadSettings, pageUrl } from './settings.service.js';
import type { PublicIncidentRow } from './statuspage.model.js';
import { presentComponent, presentGroup, presentPublicIncident } from './statuspage.presenter.js';

// Reads for the admin API and other domains. They never write.

type Ctx = Pick<AppContext, 'db' | 'config'>;

export async function listComponents(
  ex: Executor,
): Promise<{ groups: ComponentGroup[]; components: StatusComponent[] }> {
  const [groups, components, services] = await Promise.all([
    listGroupRows(ex),
    listComponentRows(ex),
    componentServiceIds(ex),
  ]);
  return {
    groups: groups.map((g) =>
      presentGroup(
        g,
        components.filter((c) => c.group_id === g.id).map((c) => c.id),
      ),
    ),
    components: components.map((c) => presentComponent(c, services.get(c.id) ?? [])),
  };
}

/** A public incident or maintenance as the admin API shows it (also ones hidden from the page). */
export async function publicIncidentView(ctx: Ctx, ex: Executor, row: PublicIncidentRow): Promise<PublicIncident> {
  const [components, services, updates, settings] = await Promise.all([
    listAffectedComponentRows(ex, [row.id]),
    listMaintenanceServiceRows(ex),
    listPublicUpdateRows(ex, [row.id]),
    loadSettings(ex, ctx),
  ]);
  return presentPublicIncident(row, {
    components: components.map((c) => ({ componentId: c.component_id, status: c.status })),
    serviceIds: services.filter((s) => s.status_incident_id === row.id).map((s) => s.service_id),
    updates,
    url: `${pageUrl(ctx, settings)}/incidents/${row.id}`,
  });
}

export async function getPublicIncident(ctx: Ctx, id: string): Promise<PublicIncident> {
  const row = await getPublicIncidentRow(ctx.db, id);
  if (!row) throw notFound('public incident', id);
  return publicIncidentView(ctx, ctx.db, row);
}

export async function listPublicIncidents(ctx: Ctx, options: { kind: 'incident' | 'maintenance'; limit: number }) {
  const rows = await ctx.db
    .selectFrom('status_incidents')
    .selectAll()
    .where('kind', '=', options.kind)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return Promise.all(rows.map((r) => publicIncidentView(ctx, ctx.db, r)));
}

/**
 * What each component goes back to when `endingId` ends: the worst status other open incidents
 * and running maintenance still hold it at, else operational.
 */
export async function restoredStatuses(
  ex: Executor,
  componentIds: string[],
  endingId: string,
): Promise<Map<string, ComponentStatus>> {
  const held = await listHeldStatuses(ex, componentIds, endingId);
  return new Map(
    componentIds.map((id) => [
      id,
      worstComponentStatus(
        held
          .filter((h) => h.component_id === id)
          .map((h) => (h.kind === 'maintenance' ? 'under_maintenance' : h.status)),
      ),
    ]),
  );
}

/**
 * True while a status page maintenance covers the service at `at`: it names the service, or a
 * component the service is behind, and it is running (or its window has begun and it was not
 * completed or cancelled, so a late start job never lets a page through). The alerts domain calls
 * this to record alerts of such services without paging anyone.
 *
 * @example
 * if (await isServiceUnderStatusMaintenance(ctx, serviceId, ctx.clock.now())) recordWithoutPaging();
 */
export async function isServiceUnderStatusMaintenance(
  ctx: Pick<AppContext, 'db'>,
  serviceId: string,
  at: number,
): Promise<boolean> {
  return maintenanceCoversService(ctx.db, serviceId, at);
}
