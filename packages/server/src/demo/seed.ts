import type { AppContext } from '../core/context.js';
import { countUsers } from '../domains/directory/users.repo.js';
import type { DomainModule } from '../domains/domain.js';
import { StartupError } from '../runtime/errors.js';

const DEMO_MARKER = 'demo.seeded_at';

/**
 * Whether `--demo` should seed: yes on an empty database; no on one it seeded before (so
 * `npm run demo` can be run again); and an error on a database with real data, since mixing
 * invented people and incidents into it would be impossible to undo. Checked before the first
 * admin is created.
 */
export async function demoNeedsSeeding(ctx: AppContext, where: string): Promise<boolean> {
  const marker = await ctx.db.selectFrom('settings').select('value').where('key', '=', DEMO_MARKER).executeTakeFirst();
  if (marker) return false;
  const people = await countUsers(ctx.db);
  if (people > 0) {
    throw new StartupError(
      `--demo needs an empty database, but ${where} already has ${people} ${people === 1 ? 'person' : 'people'}.\n` +
        'Start without --demo to keep this data, or point FIREBREAK_DATA_DIR (or DATABASE_URL) at a new, empty database.',
    );
  }
  return true;
}

/** Remembers that this database holds demo data. */
export async function markDemoSeeded(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('settings')
    .values({ key: DEMO_MARKER, value: new Date(now).toISOString(), updated_at: now })
    .execute();
}

/**
 * Runs every domain's `demo` seed in list order, so later domains can build on what earlier
 * ones made (people, teams and services first). Returns the names of the domains that seeded.
 */
export async function runDemoSeeds(ctx: AppContext, modules: readonly DomainModule[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const module of modules) {
    if (!module.demo) continue;
    try {
      await module.demo(ctx);
    } catch (err) {
      throw new Error(`Demo data of the ${module.name} domain failed: ${(err as Error).message}`, { cause: err });
    }
    seeded.push(module.name);
  }
  return seeded;
}
