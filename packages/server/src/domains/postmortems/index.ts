import type { DomainModule } from '../domain.js';
import { actionItemRoutes } from './action-items.routes.js';
import { ensureDraftForResolvedIncident } from './commands/auto-draft.js';
import { postmortemsDemo } from './postmortems.demo.js';
import { postmortemJobs } from './postmortems.jobs.js';
import { postmortemRoutes } from './postmortems.routes.js';
import { settingsRoutes } from './settings.routes.js';

import './postmortems.model.js';

/** Postmortems: templates, drafts from resolved incidents, five whys, action items, the repository. See README.md. */
export const postmortemsModule: DomainModule = {
  name: 'postmortems',
  routes: (app, ctx) => {
    settingsRoutes(app, ctx);
    postmortemRoutes(app, ctx);
    actionItemRoutes(app, ctx);
  },
  jobs: postmortemJobs,
  subscribe: (ctx) => {
    ctx.events.on('incident.status_changed', async ({ incidentId, to }) => {
      if (to === 'resolved') await ensureDraftForResolvedIncident(ctx, incidentId);
    });
  },
  demo: postmortemsDemo,
};

export { createActionItem, updateActionItem } from './commands/action-items.js';
export { ensureDraftForResolvedIncident } from './commands/auto-draft.js';
export { createPostmortem } from './commands/create-postmortem.js';
export { reassignActionItems, userOwnsOpenActionItems } from './commands/reassign-action-items.js';
export {
  listActionItems,
  listOverduePostmortems,
  listPostmortems,
  overdueSummary,
  postmortemDetail,
} from './postmortems.service.js';
