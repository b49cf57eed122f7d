import type { DomainModule } from '../domain.js';
import { deliverNotification } from './delivery.jobs.js';
import { runEscalationStep } from './escalation.jobs.js';
import { linkRoutes } from './links.routes.js';
import { meRoutes } from './me.routes.js';
import { pageRoutes } from './pages.routes.js';
import { pagingDemo } from './paging.demo.js';
import { JOB_ESCALATE, JOB_SEND } from './paging.model.js';
import { subscribePaging } from './paging.reactions.js';
import { readinessRoutes } from './readiness.routes.js';

import './paging.model.js';

/** Pages, escalation runs, notification rules, channels and the delivery outbox. See README.md. */
export const pagingModule: DomainModule = {
  name: 'paging',
  routes: (app, ctx) => {
    pageRoutes(app, ctx);
    meRoutes(app, ctx);
    readinessRoutes(app, ctx);
  },
  rootRoutes: (app, ctx) => linkRoutes(app, ctx),
  jobs: { [JOB_ESCALATE]: runEscalationStep, [JOB_SEND]: deliverNotification },
  subscribe: subscribePaging,
  demo: pagingDemo,
};

export { acknowledgePage } from './commands/acknowledge-page.js';
export { createPage, type NewPage } from './commands/create-page.js';
export { escalatePage } from './commands/escalate-page.js';
export { type NewNotice, notifyPerson } from './commands/notify-person.js';
export { reassignPage } from './commands/reassign-page.js';
export { resolvePage } from './commands/resolve-page.js';
export type { PageBy } from './paging.policy.js';
export { getPageDetail } from './paging.service.js';
