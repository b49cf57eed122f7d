import {
  ChangeEvent,
  ChangeEventListQuery,
  CreateMaintenanceWindowInput,
  Id,
  MaintenanceListQuery,
  MaintenanceWindow,
  pageOf,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { actorOf } from '../directory/route-helpers.js';
import { getVisibleIncident } from '../incidents/index.js';
import { presentChange, presentMaintenance } from './alerts.presenter.js';
import { listChangeEvents, listMaintenanceWindows } from './alerts.repo.js';
import { createMaintenanceWindow, endMaintenanceWindow } from './commands/maintenance-windows.js';

const tags = ['alerts'];
const IdParams = z.object({ id: Id });
/** Change events this long before an incident was detected are shown on it. */
const CHANGES_BEFORE_INCIDENT_MS = 24 * 60 * 60_000;

export function maintenanceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'Maintenance windows (alerts recorded, not paged)',
        querystring: MaintenanceListQuery,
        response: { 200: z.object({ items: z.array(MaintenanceWindow) }) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const now = ctx.clock.now();
      const rows = await listMaintenanceWindows(ctx.db, {
        serviceId: request.query.serviceId,
        ...(request.query.active === 'true' ? { activeAt: now } : {}),
      });
      return { items: rows.map((r) => presentMaintenance(r, now)) };
    },
  );

  app.post(
    '/maintenance-windows',
    {
      schema: {
        tags,
        summary: 'Open a maintenance window on a service',
        body: CreateMaintenanceWindowInput,
        response: { 201: MaintenanceWindow },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => reply.code(201).send(await createMaintenanceWindow(ctx, request.body, actorOf(request))),
  );

  app.post(
    '/maintenance-windows/:id/end',
    {
      schema: { tags, summary: 'End a maintenance window now', params: IdParams, response: { 200: MaintenanceWindow } },
      config: { access: 'responder' },
    },
    async (request) => endMaintenanceWindow(ctx, request.params.id, actorOf(request)),
  );

  app.get(
    '/change-events',
    {
      schema: {
        tags,
        summary: 'Change events of a service, or around an incident (its services, from a day before it was detected)',
        querystring: ChangeEventListQuery,
        response: { 200: pageOf(ChangeEvent) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { serviceId, incidentId, limit, cursor } = request.query;
      const filter: { serviceIds?: string[]; from?: number; to?: number } = {};
      if (serviceId) filter.serviceIds = [serviceId];
      if (incidentId) {
        // Private incidents stay private: only those the viewer may see (INC-42 or an id).
        const incident = await getVisibleIncident(ctx, actorOf(request), incidentId);
        const services = await ctx.db
          .selectFrom('incident_services')
          .select('service_id')
          .where('incident_id', '=', incident.id)
          .execute();
        const ids = services.map((s) => s.service_id);
        filter.serviceIds = serviceId ? ids.filter((id) => id === serviceId) : ids;
        const start = incident.detected_at ?? incident.declared_at ?? incident.created_at;
        filter.from = start - CHANGES_BEFORE_INCIDENT_MS;
        if (incident.resolved_at) filter.to = incident.resolved_at;
      }
      const page = await listChangeEvents(ctx.db, filter, { limit, cursor });
      return { items: page.items.map(presentChange), nextCursor: page.nextCursor };
    },
  );
}
