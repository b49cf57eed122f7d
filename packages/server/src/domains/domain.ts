import type { AppContext } from '../core/context.js';
import type { JobHandler } from '../core/scheduler/jobs.model.js';
import type { App } from '../http/app.js';

/** What a domain plugs into the process: its routes, its scheduled work, its reactions to events. */
export type DomainModule = {
  name: string;
  /** Mounted under /api/v1. */
  routes?: (app: App, ctx: AppContext) => void | Promise<void>;
  /** Routes outside /api/v1 (inbound integrations, public pages, feeds). */
  rootRoutes?: (app: App, ctx: AppContext) => void | Promise<void>;
  /** Job handlers by kind (kebab-case, e.g. `incident-update-reminder`). */
  jobs?: Record<string, JobHandler>;
  /** Subscribes to other domains' events; called once at start-up. */
  subscribe?: (ctx: AppContext) => void;
  /** Work `firebreak serve` does before it listens, which tests can leave to happen on first use. */
  start?: (ctx: AppContext) => Promise<void>;
  /**
   * Fills a fresh database with realistic demo data for `firebreak serve --demo`. Runs in list
   * order, so a domain can read what earlier domains seeded (people, teams, services).
   */
  demo?: (ctx: AppContext) => Promise<void>;
};
