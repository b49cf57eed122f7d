import type { DomainModule } from '../domain.js';
import { incidentsDemo } from './incidents.demo.js';
import { incidentJobs } from './incidents.jobs.js';
import { IncidentHub } from './incidents.live.js';
import { incidentRoutes } from './incidents.routes.js';
import { liveRoutes } from './live.routes.js';
import { recordRoutes } from './records.routes.js';
import { severityRoutes } from './severities.routes.js';

import './incidents.model.js';

/** Severities, declaring and triage, lifecycle, roles, timeline, decisions, status updates and their rhythm. See README.md. */
export const incidentsModule: DomainModule = {
  name: 'incidents',
  routes: async (app, ctx) => {
    const hub = new IncidentHub(ctx);
    await hub.start();
    app.addHook('onClose', async () => hub.stop());
    severityRoutes(app, ctx);
    liveRoutes(app, ctx, hub);
    incidentRoutes(app, ctx);
    recordRoutes(app, ctx);
  },
  jobs: incidentJobs,
  demo: incidentsDemo,
};

export { changeStatus } from './commands/change-status.js';
export { declareIncident } from './commands/declare-incident.js';
export { reportIncident } from './commands/report-incident.js';
export { addNote } from './commands/timeline.js';
export { acceptTriage, declineTriage, mergeIncident } from './commands/triage.js';
export type { Viewer } from './incidents.policy.js';
export { findSimilarIncidents, getVisibleIncident, incidentDetail, listIncidents } from './incidents.service.js';
export { indexIncidentDocument, type SearchSource } from './search.repo.js';
