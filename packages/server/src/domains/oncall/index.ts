import type { DomainModule } from '../domain.js';
import { calendarRoutes } from './calendar.routes.js';
import { escalationRoutes } from './escalation.routes.js';
import { HANDOFF_JOB, handoffNoticeJob } from './handoff.jobs.js';
import { oncallDemo } from './oncall.demo.js';
import { oncallRoutes } from './oncall.routes.js';
import { scheduleRoutes } from './schedule.routes.js';
import { warmScheduleCache } from './schedule.service.js';
import './oncall.model.js';

/** Schedules, rotations, overrides, escalation policies and who is on call. See README.md. */
export const oncallModule: DomainModule = {
  name: 'oncall',
  routes: (app, ctx) => {
    scheduleRoutes(app, ctx);
    escalationRoutes(app, ctx);
    oncallRoutes(app, ctx);
  },
  rootRoutes: (app, ctx) => calendarRoutes(app, ctx),
  jobs: { [HANDOFF_JOB]: handoffNoticeJob },
  // Start-up: read the schedules into memory in the background (bounded; see warmScheduleCache).
  subscribe: (ctx) => void warmScheduleCache(ctx),
  demo: oncallDemo,
};

export { getPolicyWithLevels, levelAtStep, policyIdOfService, resolveEscalationLevel } from './escalation.service.js';
export { loadSchedules, onCallAt } from './schedule.service.js';
