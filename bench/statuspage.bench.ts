// bench/statuspage: the public status page under an outage's traffic. GET /api/v2/summary.json and
// GET /status with 100 concurrent connections over loopback, from Firebreak's in-memory snapshot
// and, in the same run, from nginx (one worker) serving the same bytes as static files. Prints both
// rates and Firebreak's share of nginx's; the target is summary.json at ≥ 50% of nginx.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemClock } from '../packages/server/src/core/clock.js';
import { directoryModule } from '../packages/server/src/domains/directory/index.js';
import { incidentsModule } from '../packages/server/src/domains/incidents/index.js';
import { statuspageModule } from '../packages/server/src/domains/statuspage/index.js';
import { buildApp } from '../packages/server/src/http/app.js';
import { createTestContext } from '../packages/server/test/databases.js';
import { type LoadResult, load } from './lib.js';

const NGINX = '/usr/sbin/nginx';
const CONNECTIONS = 100;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PATHS = [
  { name: 'summary.json', url: '/api/v2/summary.json', file: 'summary.json', type: 'application/json' },
  { name: 'HTML page', url: '/status', file: 'status.html', type: 'text/html' },
];

export default async function run(): Promise<void> {
  const ctx = await createTestContext('sqlite');
  Object.assign(ctx, { clock: systemClock });
  for (const domain of [directoryModule, incidentsModule, statuspageModule]) await domain.demo?.(ctx);
  const app = await buildApp(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-bench-nginx-'));
  // When run as root, nginx's worker runs as nobody: it must be able to read the files.
  chmodSync(dir, 0o755);
  let nginx: ChildProcess | undefined;
  try {
    const root = path.join(dir, 'root');
    mkdirSync(root);
    for (const p of PATHS) {
      const res = await fetch(`${address}${p.url}`);
      if (res.status !== 200) throw new Error(`GET ${p.url} answered ${res.status}`);
      writeFileSync(path.join(root, p.file), Buffer.from(await res.arrayBuffer()));
    }
    const port = await freePort();
    nginx = await startNginx(dir, root, port);
    const rows: { name: string; firebreak: LoadResult; nginx: LoadResult }[] = [];
    for (const p of PATHS) {
      const firebreak = await load(`${address}${p.url}`, { connections: CONNECTIONS, duration: DURATION_S });
      const static_ = await load(`http://127.0.0.1:${port}/${p.file}`, {
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
      rows.push({ name: p.name, firebreak, nginx: static_ });
    }
    for (const r of rows) {
      const line = (who: string, x: LoadResult) =>
        `${who.padEnd(9)} ${String(x.rps).padStart(6)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, errors ${x.errors}, non-2xx ${x.non2xx}`;
      console.log(`${r.name} (${CONNECTIONS} connections, ${DURATION_S} s each)`);
      console.log(`  ${line('firebreak', r.firebreak)}`);
      console.log(`  ${line('nginx', r.nginx)}`);
      const ratio = r.firebreak.rps / Math.max(1, r.nginx.rps);
      const target = r.name === 'summary.json' ? ` (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})` : '';
      console.log(`  firebreak / nginx = ${ratio.toFixed(2)}${target}`);
    }
  } finally {
    nginx?.kill('SIGTERM');
    await app.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** nginx in the foreground with one worker, no access log, serving `root` on a loopback port. */
async function startNginx(prefix: string, root: string, port: number): Promise<ChildProcess> {
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; text/html html; }
  client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp; fastcgi_temp_path ${prefix}/tmp;
  uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
  }
}
`,
  );
  mkdirSync(path.join(prefix, 'tmp'));
  const child = spawn(NGINX, ['-c', conf, '-p', prefix], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/summary.json`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`nginx did not start on 127.0.0.1:${port}; see ${prefix}/error.log`);
}
