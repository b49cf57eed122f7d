import { sql } from 'kysely';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';

/**
 * Runs the queries of one answer (or one range of it). On PostgreSQL they share a read-only
 * REPEATABLE READ transaction, so its numbers all come from the same snapshot, and JIT compilation is
 * off (`jit = off`) for it: compiling costs these short aggregate queries more (30–70 ms each, measured) than it
 * saves. Index probes are priced as the cached reads they are (`random_page_cost` 1.1, the usual
 * setting for SSDs; the default 4 prices a disk seek): with the default, the planner read every
 * status update ever posted to join a quarter's few thousand, 2–5 times slower (measured).
 * On SQLite they run as they are: its one connection would otherwise be held from every other
 * request for the whole answer.
 *
 * @example
 * const figures = await readFigures(ctx, (ex) => incidentFigures(ex, scope));
 */
export function readFigures<T>(ctx: AppContext, read: (ex: Executor) => Promise<T>): Promise<T> {
  if (ctx.dialect !== 'postgres') return read(ctx.db);
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      // Both as SET LOCAL (set_config's third argument), in one round trip.
      await sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`.execute(trx);
      return read(trx);
    });
}
