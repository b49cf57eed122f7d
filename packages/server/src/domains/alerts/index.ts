import type { DomainModule } from '../domain.js';
import { alertsDemo } from './alerts.demo.js';
import { alertJobs } from './alerts.jobs.js';
import { alertRoutes } from './alerts.routes.js';
import { subscribeAlerts } from './alerts.subscriptions.js';
import { inboundRoutes } from './inbound.routes.js';
import { ingestQueueFor } from './inbound.service.js';
import { integrationRoutes } from './integrations.routes.js';
import { maintenanceRoutes } from './maintenance.routes.js';

import './alerts.model.js';

/** Integrations, inbound formats, dedup, grouping, suppression, maintenance, heartbeats. See README.md. */
export const alertsModule: DomainModule = {
  name: 'alerts',
  routes: (app, ctx) => {
    integrationRoutes(app, ctx);
    alertRoutes(app, ctx);
    maintenanceRoutes(app, ctx);
  },
  rootRoutes: (app, ctx) => inboundRoutes(app, ctx),
  jobs: alertJobs,
  subscribe: subscribeAlerts,
  // The SQLite ingest thread, ready before the first event arrives.
  start: (ctx) => ingestQueueFor(ctx).start(),
  demo: alertsDemo,
};

export { alertsDemo as demo } from './alerts.demo.js';
export { changeAlerts, changeGroups } from './commands/change-alerts.js';
export { createIntegration } from './commands/create-integration.js';
export {
  createMaintenanceWindow,
  endMaintenanceWindow,
  isServiceInMaintenance,
} from './commands/maintenance-windows.js';
export { promoteGroup } from './commands/promote-group.js';
export { ingestQueueFor } from './inbound.service.js';
export { commitItems, type IngestItem } from './ingest/commit.js';
export { IngestOverloaded, IngestQueue, type IngestQueueOptions } from './ingest/ingest-queue.js';
