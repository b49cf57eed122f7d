import type { DomainModule } from '../domain.js';
import { analyticsRoutes } from './analytics.routes.js';

/** Figures over any range (MTTA/MTTR, on-call load, update cadence, postmortems) and the home dashboard. See README.md. */
export const analyticsModule: DomainModule = {
  name: 'analytics',
  routes: (app, ctx) => analyticsRoutes(app, ctx),
};

export {
  cadenceFigures,
  incidentFigures,
  keyFigures,
  oncallLoadFigures,
  postmortemFigures,
  responseFigures,
} from './figures.service.js';
export { resolveScope } from './scope.js';
