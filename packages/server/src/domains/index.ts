import { alertsModule } from './alerts/index.js';
import { analyticsModule } from './analytics/index.js';
import { auditModule } from './audit/index.js';
import { chatModule } from './chat/index.js';
import { directoryModule } from './directory/index.js';
import type { DomainModule } from './domain.js';
import { incidentsModule } from './incidents/index.js';
import { oncallModule } from './oncall/index.js';
import { pagingModule } from './paging/index.js';
import { postmortemsModule } from './postmortems/index.js';
import { statuspageModule } from './statuspage/index.js';

/** Every domain, in one list. Add a line when a domain is created. */
export const domains: DomainModule[] = [
  directoryModule,
  oncallModule,
  incidentsModule,
  pagingModule,
  alertsModule,
  postmortemsModule,
  statuspageModule,
  auditModule,
  chatModule,
  analyticsModule,
];
