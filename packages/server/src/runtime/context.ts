import { systemClock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { AppContext } from '../core/context.js';
import type { Database } from '../core/db/database.js';
import { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import { resolveSecretKey } from './secret-key.js';

/** The AppContext of a real process: the system clock, the configured database, the real secret key. */
export function createAppContext(config: Config, database: Database, log: Logger): AppContext {
  return {
    config,
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    log,
    events: new EventBus((event, err) => log.error({ err, event }, 'event listener failed')),
    secretKey: resolveSecretKey(config),
  };
}
