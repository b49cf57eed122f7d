import type { DomainModule } from '../domain.js';
import { adminRoutes } from './admin.routes.js';
import { mirrorIncidentUpdate } from './commands/timeline-link.js';
import { deliver, fanOut } from './delivery/delivery.jobs.js';
import { completeMaintenance, startMaintenance } from './maintenance.jobs.js';
import { publicRoutes } from './public/public.routes.js';
import { statuspageDemo } from './statuspage.demo.js';
import { JOB_DELIVER, JOB_FANOUT, JOB_MAINTENANCE_COMPLETE, JOB_MAINTENANCE_START } from './statuspage.model.js';

import './statuspage.model.js';

/** The public status page, its JSON API and feeds, subscribers, maintenance and reports. See README.md. */
export const statuspageModule: DomainModule = {
  name: 'statuspage',
  routes: (app, ctx) => adminRoutes(app, ctx),
  rootRoutes: (app, ctx) => publicRoutes(app, ctx),
  jobs: {
    [JOB_FANOUT]: fanOut,
    [JOB_DELIVER]: deliver,
    [JOB_MAINTENANCE_START]: startMaintenance,
    [JOB_MAINTENANCE_COMPLETE]: completeMaintenance,
  },
  subscribe: (ctx) => {
    ctx.events.on('incident.update_posted', (event) => mirrorIncidentUpdate(ctx, event));
  },
  demo: statuspageDemo,
};

export { createComponent, createComponentGroup, updateComponent } from './commands/components.js';
export { scheduleMaintenance, updateMaintenance } from './commands/maintenance.js';
export { postPublicUpdate, previewPublicUpdate } from './commands/post-public-update.js';
export { publishIncident } from './commands/publish-incident.js';
export { draftReport, editReport, publishReport, reviewReport } from './commands/reports.js';
export { resolvePublicIncident } from './commands/resolve-public-incident.js';
export { draftCustomerReport } from './report-draft.js';
export { isServiceUnderStatusMaintenance } from './statuspage.service.js';
export { statuspageDemo };
