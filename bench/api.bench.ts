// bench/api: requests/s and latency of GET /api/v1/services with 1,000 services, over loopback.
// Honest by construction: the load generator runs in its own thread (not on the server's event
// loop), a 2 s warm-up is not counted, PostgreSQL gets the production pool (10), every answer is
// checked to be the page asked for, and a run with errors, timeouts or non-2xx is marked INVALID.
import { newId } from '../packages/server/src/core/ids.js';
import { buildApp } from '../packages/server/src/http/app.js';
import { bearer, buildUser, tokenFor } from '../packages/server/test/factories.js';
import { BENCH_DIALECTS, benchContext, insertMany, load, machineLine } from './lib.js';

const SERVICES = 1000;
const CONNECTIONS = 50;
const DURATION_S = 10;

export default async function run(): Promise<void> {
  console.log(machineLine());
  console.log(
    `GET /api/v1/services with ${SERVICES.toLocaleString('en')} services, read-scope bearer token, autocannon ${CONNECTIONS} connections × ${DURATION_S} s per case (after a 2 s warm-up), latency in whole ms`,
  );
  console.log(
    `${'dialect'.padEnd(9)}${'case'.padEnd(12)}${'req/s'.padStart(8)}${'requests'.padStart(10)}${'p50'.padStart(7)}${'p97.5'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}  checks`,
  );
  for (const dialect of BENCH_DIALECTS) {
    const ctx = await benchContext(dialect);
    const admin = await buildUser(ctx, { role: 'admin' });
    const token = await tokenFor(ctx, admin, 'read');
    const now = ctx.clock.now();
    // The rows buildService writes, in one transaction instead of 1,000.
    await ctx.db.transaction().execute((trx) =>
      insertMany(
        trx,
        'services',
        Array.from({ length: SERVICES }, (_, i) => ({
          id: newId(),
          name: `service-${String(i).padStart(4, '0')}`,
          slug: `service-${String(i).padStart(4, '0')}`,
          description: '',
          team_id: null,
          created_at: now,
          updated_at: now,
        })),
      ),
    );
    const app = await buildApp(ctx);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const limit of [50, 500]) {
        const url = `${address}/api/v1/services?limit=${limit}`;
        const check = await fetch(url, { headers: bearer(token) });
        const body = (await check.json()) as { items?: unknown[] };
        if (check.status !== 200 || body.items?.length !== limit) {
          throw new Error(`GET services answered ${check.status} with ${body.items?.length} items, not ${limit}`);
        }
        const r = await load(url, { headers: bearer(token), connections: CONNECTIONS, duration: DURATION_S });
        const bad = r.errors + r.timeouts + r.non2xx;
        const checks = bad ? `INVALID: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx` : 'all 2xx';
        console.log(
          `${dialect.padEnd(9)}${`limit=${limit}`.padEnd(12)}${String(r.rps).padStart(8)}${String(r.total).padStart(10)}${ms(r.p50)}${ms(r.p97_5)}${ms(r.p99)}${ms(r.max)}  ${checks}`,
        );
      }
    } finally {
      await app.close();
      await ctx.close();
    }
  }
  console.log(machineLine());
}

const ms = (v: number) => `${v} ms`.padStart(7);
