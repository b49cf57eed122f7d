import type { Config } from '../core/config.js';
import type { AppContext } from '../core/context.js';
import type { Database } from '../core/db/database.js';
import { migrateToLatest } from '../core/db/migrate.js';
import { createLogger } from '../core/logger.js';
import type { JobHandler } from '../core/scheduler/jobs.model.js';
import { Scheduler } from '../core/scheduler/scheduler.js';
import { demoNeedsSeeding, markDemoSeeded, runDemoSeeds } from '../demo/seed.js';
import { ensureFirstAdmin, type FirstAdmin } from '../domains/directory/index.js';
import type { DomainModule } from '../domains/domain.js';
import { domains } from '../domains/index.js';
import { type App, buildApp } from '../http/app.js';
import { createAppContext } from './context.js';
import { openReachableDatabase } from './database.js';

export type StartOptions = {
  /** Fill an empty database with demo data before serving (a database seeded before is kept as it is). */
  demo?: boolean;
  /** Where log lines go; stdout by default. */
  logStream?: NodeJS.WritableStream;
};

export type Firebreak = {
  /** The address the server listens on (for people, `ctx.config.publicUrl`). */
  url: string;
  app: App;
  ctx: AppContext;
  database: Database;
  /** What `ensureFirstAdmin` did: on a fresh database, the one-time link for admin@localhost. */
  firstAdmin: FirstAdmin;
  /** Domains whose demo data was loaded (empty without `demo`). */
  demoSeeded: string[];
  /**
   * Stops gracefully: no new connections, in-flight requests finish, the scheduler releases its
   * jobs, the database closes. Safe to call more than once.
   */
  stop(): Promise<void>;
};

/**
 * Starts a whole Firebreak process: database, migrations, first admin, optional demo data,
 * event subscriptions, the scheduler and the HTTP server.
 *
 * @example
 * const firebreak = await startFirebreak(loadConfig());
 * console.log(`listening on ${firebreak.url}`);
 * await firebreak.stop();
 */
export async function startFirebreak(config: Config, options: StartOptions = {}): Promise<Firebreak> {
  const log = createLogger(config.logLevel, options.logStream);
  const database = await openReachableDatabase(config);
  let scheduler: Scheduler | undefined;
  let app: App | undefined;
  const closeAll = async () => {
    await app?.close();
    await scheduler?.stop();
    await database.close();
  };
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) log.info({ migrations: applied }, 'applied database migrations');
    const ctx = createAppContext(config, database, log);
    if (!config.secretKey && database.dialect === 'postgres') {
      log.warn('FIREBREAK_SECRET_KEY is unset: set the same value on every process that shares this database');
    }

    const seedDemo = options.demo ? await demoNeedsSeeding(ctx, database.describe) : false;
    const firstAdmin = await ensureFirstAdmin(ctx);
    const demoSeeded = seedDemo ? await runDemoSeeds(ctx, domains) : [];
    if (seedDemo) await markDemoSeeded(ctx);

    for (const domain of domains) domain.subscribe?.(ctx);
    for (const domain of domains) await domain.start?.(ctx);
    if (config.runScheduler) {
      scheduler = new Scheduler({
        ctx,
        handlers: jobHandlers(domains),
        databaseUrl: config.databaseUrl,
        ...config.jobs,
      });
      scheduler.start();
    }

    app = await buildApp(ctx, { webUi: true });
    const address = await app.listen({ host: config.host, port: config.port });

    let stopping: Promise<void> | undefined;
    return {
      url: address,
      app,
      ctx,
      database,
      firstAdmin,
      demoSeeded,
      stop: () => {
        stopping ??= closeAll().then(() => log.info('stopped'));
        return stopping;
      },
    };
  } catch (err) {
    await closeAll().catch(() => {});
    throw err;
  }
}

/** Every domain's job handlers in one map; two domains claiming one kind is a bug caught at start-up. */
export function jobHandlers(modules: readonly DomainModule[]): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const module of modules) {
    for (const [kind, handler] of Object.entries(module.jobs ?? {})) {
      if (handlers[kind])
        throw new Error(`Job kind "${kind}" is handled by two domains (the second is ${module.name})`);
      handlers[kind] = handler;
    }
  }
  return handlers;
}
