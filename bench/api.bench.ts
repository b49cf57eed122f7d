// bench/api: requests/s and p50/p99 latency of GET /api/v1/services with 1,000 services, over loopback.
import { systemClock } from '../packages/server/src/core/clock.js';
import { buildApp } from '../packages/server/src/http/app.js';
import { createTestContext } from '../packages/server/test/databases.js';
import { bearer, buildService, buildUser, tokenFor } from '../packages/server/test/factories.js';
import { BENCH_DIALECTS, load } from './lib.js';

export default async function run(): Promise<void> {
  for (const dialect of BENCH_DIALECTS) {
    const ctx = await createTestContext(dialect);
    Object.assign(ctx, { clock: systemClock });
    const admin = await buildUser(ctx, { role: 'admin' });
    const token = await tokenFor(ctx, admin, 'read');
    for (let i = 0; i < 1000; i++) await buildService(ctx, { name: `service-${String(i).padStart(4, '0')}` });
    const app = await buildApp(ctx);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const limit of [50, 500]) {
        const url = `${address}/api/v1/services?limit=${limit}`;
        const check = await fetch(url, { headers: bearer(token) });
        if (check.status !== 200) throw new Error(`GET services answered ${check.status}: ${await check.text()}`);
        const r = await load(url, { headers: bearer(token), connections: 50, duration: 10 });
        console.log(
          `${dialect.padEnd(8)} GET /api/v1/services?limit=${limit} (1,000 services): ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}`,
        );
      }
    } finally {
      await app.close();
      await ctx.close();
    }
  }
}
