import type { DomainModule } from '../domain.js';
import { recordChanges } from './audit.recorder.js';
import { auditRoutes } from './audit.routes.js';

import './audit.model.js';

/** The append-only, hash-chained record of every change made through the API. See README.md. */
export const auditModule: DomainModule = {
  name: 'audit',
  routes: (app, ctx) => {
    recordChanges(app, ctx);
    auditRoutes(app, ctx);
  },
};

export { verifyAuditChain } from './audit.verify.js';
