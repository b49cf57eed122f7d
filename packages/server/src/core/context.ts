import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DB, Dialect } from './db/database.js';
import type { EventBus } from './events.js';
import type { Logger } from './logger.js';

/** What every command and route needs, built once at start-up and passed down explicitly. */
export type AppContext = {
  config: Config;
  db: DB;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  events: EventBus;
  /** Server-side secret for signing links and cookies. */
  secretKey: string;
};
