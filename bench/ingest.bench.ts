// bench/ingest: sustained PagerDuty Events API v2 ingestion over loopback (10% new dedup keys, every
// event committed before its 202), on SQLite and PostgreSQL; then the same alerts posted to a local
// Prometheus Alertmanager's POST /api/v2/alerts, for comparison.
//
// The server runs in a child process and the load comes from wrk (Debian's `wrk`, a C load generator
// that leaves the two cores to the servers; autocannon, which needs a core of its own, when wrk is
// not installed), as a monitoring fleet would send it from other machines: 100 connections, then
// 1,000 (a fleet). Figures: events/s, p50/p99 time to 202, and a check that the number of stored
// events equals the number of 202 answers.
import { type ChildProcess, execFile, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Dialect } from '../packages/server/src/core/db/database.js';
import { BENCH_DIALECTS } from './lib.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTION_LEVELS = (process.env.BENCH_CONNECTIONS ?? '100,1000').split(',').map(Number);
const WARM_KEYS = 1000;
const NEW_KEY_SHARE = 0.1;
const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const WRK = '/usr/bin/wrk';

type Ready = { url: string; routingKey: string };
type Report = {
  stored: number;
  events: number;
  batches: number;
  items: number;
  refused: number;
  cpuMicros: number;
};
type Figures = { eventsPerSecond: number; p50: number; p99: number; accepted: number; non2xx: number; errors: number };

/** One event body: 90% re-trigger a known alert (with new details), 10% open a new one. */
function eventMaker(routingKey: string) {
  let seq = 0;
  return () => {
    seq++;
    const fresh = Math.random() < NEW_KEY_SHARE;
    const key = fresh ? `new-${process.pid}-${seq}` : `warm-${Math.floor(Math.random() * WARM_KEYS)}`;
    return {
      key,
      body: JSON.stringify({
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: key,
        payload: {
          summary: `High latency on ${key}`,
          source: `host-${key}`,
          severity: 'warning',
          custom_details: { seq, p99_ms: 1200 + (seq % 500) },
        },
      }),
    };
  };
}

/**
 * The same bodies, made by wrk itself (Lua), so that making them costs the servers nothing. Each
 * script is seeded afresh: a body repeated from an earlier run would be taken as a retry.
 */
function wrkScript(kind: 'firebreak' | 'alertmanager', routingKey: string): string {
  const run = Math.floor(Math.random() * 1e9);
  const body =
    kind === 'firebreak'
      ? `'{"routing_key":"${routingKey}","event_action":"trigger","dedup_key":"' .. k .. '","payload":{"summary":"High latency on ' .. k .. '","source":"host-' .. k .. '","severity":"warning","custom_details":{"run":${run},"seq":' .. seq .. ',"p99_ms":' .. (1200 + seq % 500) .. '}}}'`
      : `'[{"labels":{"alertname":"HighLatency","instance":"host-' .. k .. '","severity":"warning"},"annotations":{"summary":"High latency on ' .. k .. '"},"startsAt":"' .. startsAt .. '"}]'`;
  return `
math.randomseed(${run})
local seq = 0
local startsAt = os.date("!%Y-%m-%dT%H:%M:%SZ")
request = function()
  seq = seq + 1
  local k
  if math.random() < ${NEW_KEY_SHARE} then k = "new-${run}-" .. seq else k = "warm-" .. math.random(0, ${WARM_KEYS - 1}) end
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, ${body})
end
`;
}

type Load = { connections: number; seconds: number; body: (() => string) | null; script: string | null };

async function drive(url: string, load: Load): Promise<Figures> {
  return existsSync(WRK) ? driveWrk(url, load) : driveAutocannon(url, load);
}

async function driveWrk(url: string, load: Load): Promise<Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-bench-wrk-'));
  const args = ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--latency', '--timeout', '10s'];
  if (load.script) {
    writeFileSync(path.join(dir, 'load.lua'), load.script);
    args.push('-s', path.join(dir, 'load.lua'));
  }
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(WRK, [...args, url], (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    const ms = (label: string) => {
      const m = out.match(new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`));
      if (!m) return Number.NaN;
      return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[m[2] as 'us' | 'ms' | 's'];
    };
    const total = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
    const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
    const errors = (out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/) ?? [])
      .slice(1)
      .reduce((sum, n) => sum + Number(n), 0);
    const accepted = total - non2xx;
    return {
      eventsPerSecond: Math.round(accepted / load.seconds),
      p50: Math.round(ms('50%')),
      p99: Math.round(ms('99%')),
      accepted,
      non2xx,
      errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function driveAutocannon(url: string, load: Load): Promise<Figures> {
  const body = load.body;
  const result = await autocannon({
    url,
    method: body ? 'POST' : 'GET',
    connections: load.connections,
    duration: load.seconds,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body
      ? { requests: [{ method: 'POST' as const, setupRequest: (request: object) => ({ ...request, body: body() }) }] }
      : {}),
  });
  const accepted = result['2xx'];
  return {
    eventsPerSecond: Math.round(accepted / load.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    accepted,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ---------------------------------------------------------------- the server (child process)

async function serveChild(dialect: Dialect): Promise<void> {
  const { systemClock } = await import('../packages/server/src/core/clock.js');
  const { buildApp } = await import('../packages/server/src/http/app.js');
  const { createTestContext } = await import('../packages/server/test/databases.js');
  const { createIntegration, commitItems, ingestQueueFor } = await import(
    '../packages/server/src/domains/alerts/index.js'
  );
  const { buildService, inboundAlert } = await import('../packages/server/test/factories.js');
  const ctx = await createTestContext(dialect);
  Object.assign(ctx, { clock: systemClock });
  const service = await buildService(ctx, { name: 'checkout' });
  const integration = await createIntegration(
    ctx,
    { serviceId: service.id, name: 'bench', kind: 'events_api' },
    'system',
  );
  // The warm set: alerts already open, which 90% of the load re-triggers.
  await commitItems(ctx, [
    {
      kind: 'alerts',
      target: { integrationId: integration.id },
      alerts: Array.from({ length: WARM_KEYS }, (_, i) =>
        inboundAlert(`warm-${i}`, { summary: `High latency on warm-${i}`, source: `host-${i}`, severity: 'warning' }),
      ),
    },
  ]);
  const app = await buildApp(ctx);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const queue = ingestQueueFor(ctx);
  const profiler = process.env.BENCH_PROFILE ? cpuProfiler(process.env.BENCH_PROFILE) : null;
  const storedEvents = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('alert_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Each run's figures are counted from its 'start'.
  let cpuAtStart = process.cpuUsage();
  let statsAtStart = { ...queue.stats };
  let storedAtStart = 0;
  const send = (message: unknown) => process.send?.(message);
  process.on('message', async (message: string) => {
    if (message === 'report') {
      const cpu = process.cpuUsage(cpuAtStart);
      await profiler?.stop(`ingest-${dialect}`);
      const stats = Object.fromEntries(
        Object.entries(queue.stats).map(([k, v]) => [k, v - statsAtStart[k as keyof typeof statsAtStart]]),
      );
      send({
        ...stats,
        stored: (await storedEvents()) - storedAtStart,
        cpuMicros: cpu.user + cpu.system,
      });
    } else if (message === 'start') {
      await profiler?.start();
      storedAtStart = await storedEvents();
      statsAtStart = { ...queue.stats };
      cpuAtStart = process.cpuUsage();
      send('started');
    } else if (message === 'close') {
      await app.close();
      await ctx.close();
      process.exit(0);
    }
  });
  send({ url, routingKey: integration.routingKey } satisfies Ready);
}

/** BENCH_PROFILE=<dir>: a CPU profile of the server during the ingest run only (not start-up or /healthz). */
function cpuProfiler(dir: string) {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.start');
    },
    stop: async (name: string) => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

function startChild(dialect: Dialect): { child: ChildProcess; ready: Promise<Ready> } {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FIREBREAK_BENCH_INGEST_CHILD: dialect },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ready };
}

const ask = <T>(child: ChildProcess, message: string) =>
  new Promise<T>((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });

// ---------------------------------------------------------------- Alertmanager

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function alertmanagerFigures(levels: number[]): Promise<Map<number, Figures> | null> {
  if (!existsSync(ALERTMANAGER)) {
    console.log(`NOTICE: ${ALERTMANAGER} not found: Alertmanager comparison skipped.`);
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-bench-am-'));
  writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    'route:\n  receiver: blackhole\n  group_by: [alertname]\nreceivers:\n  - name: blackhole\n',
  );
  const port = await freePort();
  const am = spawn(
    ALERTMANAGER,
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${dir}`,
      '--cluster.listen-address=',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    { stdio: 'ignore' },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 100) throw new Error('Alertmanager did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const next = eventMaker('unused');
    const startsAt = new Date().toISOString();
    const body = () => {
      const { key } = next();
      return JSON.stringify([
        {
          labels: { alertname: 'HighLatency', instance: `host-${key}`, severity: 'warning' },
          annotations: { summary: `High latency on ${key}` },
          startsAt,
        },
      ]);
    };
    const figures = new Map<number, Figures>();
    for (const connections of levels) {
      const load = { connections, seconds: DURATION_S, body, script: wrkScript('alertmanager', '') };
      figures.set(connections, await drive(`${base}/api/v2/alerts`, load));
    }
    return figures;
  } finally {
    am.kill('SIGTERM');
    await new Promise((resolve) => am.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the benchmark

const line = (label: string, f: Figures) =>
  `${label}: ${f.eventsPerSecond.toLocaleString('en')} events/s, p50 ${f.p50} ms, p99 ${f.p99} ms to 2xx (${f.accepted.toLocaleString('en')} accepted, non-2xx ${f.non2xx}, errors ${f.errors})`;

export default async function run(): Promise<void> {
  console.log(
    `${DURATION_S} s per run, ${NEW_KEY_SHARE * 100}% new dedup keys, ${WARM_KEYS} open alerts re-triggered; ` +
      `load from ${existsSync(WRK) ? 'wrk' : "autocannon (install Debian's wrk for a load generator that leaves the cores to the servers)"}`,
  );
  const sqlite = new Map<number, Figures>();
  for (const dialect of BENCH_DIALECTS) {
    const { child, ready } = startChild(dialect);
    try {
      const { url, routingKey } = await ready;
      const next = eventMaker(routingKey);
      const events = (connections: number, seconds: number): Load => ({
        connections,
        seconds,
        body: () => next().body,
        script: wrkScript('firebreak', routingKey),
      });
      // Warm-up, not counted: the JIT, and the SQLite ingest thread's start.
      await drive(`${url}/v2/enqueue`, events(CONNECTION_LEVELS[0]!, 2));
      for (const connections of CONNECTION_LEVELS) {
        await ask(child, 'start');
        const figures = await drive(`${url}/v2/enqueue`, events(connections, DURATION_S));
        const report = await ask<Report>(child, 'report');
        // The same server answering its cheapest route: the ceiling the HTTP stack leaves for events.
        const ceiling = await drive(`${url}/healthz`, { connections, seconds: DURATION_S, body: null, script: null });
        if (dialect === 'sqlite') sqlite.set(connections, figures);
        console.log(
          line(`${dialect.padEnd(8)} ${String(connections).padStart(5)} connections, POST /v2/enqueue`, figures),
        );
        console.log(
          `${' '.repeat(9)}same server, GET /healthz (no database): ${ceiling.eventsPerSecond.toLocaleString('en')} req/s, p50 ${ceiling.p50} ms — ingest reaches ${Math.round((figures.eventsPerSecond / ceiling.eventsPerSecond) * 100)}% of it`,
        );
        console.log(
          `${' '.repeat(9)}stored ${report.stored.toLocaleString('en')} events for ${figures.accepted.toLocaleString('en')} 202s ` +
            `(${report.stored >= figures.accepted ? 'every 202 committed' : 'MISSING EVENTS'}); ` +
            `${report.batches.toLocaleString('en')} transactions, ${(report.events / Math.max(1, report.batches)).toFixed(1)} events per transaction, ${report.refused} refused with 429; ` +
            `server CPU ${Math.round(report.cpuMicros / Math.max(1, report.items))} µs per event (both threads)`,
        );
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  }
  const am = await alertmanagerFigures(CONNECTION_LEVELS);
  for (const [connections, figures] of am ?? []) {
    console.log(
      line(
        `alertmanager ${String(connections).padStart(5)} connections, POST /api/v2/alerts (in memory, no fsync)`,
        figures,
      ),
    );
    const mine = sqlite.get(connections);
    if (mine)
      console.log(
        `${' '.repeat(9)}Firebreak (SQLite, durable) / Alertmanager at ${connections} connections: ${(mine.eventsPerSecond / figures.eventsPerSecond).toFixed(2)}×`,
      );
  }
}

if (process.env.FIREBREAK_BENCH_INGEST_CHILD) {
  await serveChild(process.env.FIREBREAK_BENCH_INGEST_CHILD as Dialect);
}
