import { describe, it } from 'vitest';
import type { Dialect } from '../src/core/db/database.js';
import { PG_URL } from './databases.js';

export { createTestContext, createTestDatabase, PG_URL, type TestContext } from './databases.js';

export const REQUIRE_PG = process.env.FIREBREAK_REQUIRE_PG === '1';

/** The dialects this run covers: SQLite always, PostgreSQL when FIREBREAK_TEST_PG_URL is set. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Runs the same suite on every dialect. Without PostgreSQL the suite is skipped with a
 * visible notice, or fails when FIREBREAK_REQUIRE_PG=1.
 *
 * @example
 * describeEachDialect('services', (dialect) => {
 *   let t: TestContext;
 *   beforeAll(async () => { t = await createTestContext(dialect); });
 *   afterAll(() => t.close());
 * });
 */
export function describeEachDialect(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => suite(dialect));
  if (!PG_URL) {
    if (REQUIRE_PG) {
      describe(`${name} [postgres]`, () => {
        it('needs PostgreSQL', () => {
          throw new Error('FIREBREAK_REQUIRE_PG=1 but FIREBREAK_TEST_PG_URL is not set');
        });
      });
    } else {
      describe.skip(`${name} [postgres] — SKIPPED: set FIREBREAK_TEST_PG_URL to run on PostgreSQL`, () => {
        it('skipped', () => {});
      });
    }
  }
}
