import os from 'node:os';
import autocannon from 'autocannon';
import { systemClock } from '../packages/server/src/core/clock.js';
import { type Dialect, type Executor, openPostgres, type Tables } from '../packages/server/src/core/db/database.js';
import { createTestContext, type TestContext } from '../packages/server/test/databases.js';

/** The dialects to measure: SQLite always, PostgreSQL when FIREBREAK_TEST_PG_URL is set. */
export const BENCH_DIALECTS: Dialect[] = process.env.FIREBREAK_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type LoadResult = {
  rps: number;
  total: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

/**
 * Drives `url` with autocannon over loopback and returns throughput and latency (ms, autocannon
 * resolves whole milliseconds). The load generator runs in a worker thread: in the server's own
 * thread it would compete with the server for the event loop and halve what we measure.
 * A `warmup` run (seconds, default 2) goes first and is not counted, so JIT warm-up is excluded.
 */
export async function load(
  url: string,
  options: { connections?: number; duration?: number; headers?: Record<string, string>; warmup?: number } = {},
): Promise<LoadResult> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: options.connections ?? 50,
      duration,
      headers: options.headers,
      workers: 1,
    });
  if ((options.warmup ?? 2) > 0) await run(options.warmup ?? 2);
  const result = await run(options.duration ?? 10);
  return {
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `fn` `n` times and returns the durations in ms. */
export async function timeRuns(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

/** `n, p50, p95, p99, max` of a list of durations, for one printed line. */
export function describeRuns(values: number[], ps: number[] = [50, 95, 99]): string {
  const parts = ps.map((p) => `p${p} ${fmt(percentile(values, p))}`);
  return `n=${values.length}, ${parts.join(', ')}, max ${fmt(Math.max(...values))}`;
}

/** A PASS/FAIL mark against a target, for the printed figures. */
export const verdict = (value: number, target: number) => (value < target ? 'PASS' : 'FAIL');

/** What the machine was doing: other people's test runs share it, so every figure is printed with this. */
export function machineLine(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `machine: ${os.cpus().length} CPUs, load average ${one}, ${five}, ${fifteen}; node ${process.version}`;
}

/**
 * A fresh database and context as a running server has them: the system clock (caches expire and
 * "now" moves as in production) and, on PostgreSQL, the production pool of 10 connections instead
 * of the tests' 5.
 */
export async function benchContext(dialect: Dialect): Promise<TestContext> {
  const ctx = await createTestContext(dialect);
  Object.assign(ctx, { clock: systemClock });
  if (dialect !== 'postgres') return ctx;
  const pool = openPostgres(ctx.database.url, 10);
  const closeTest = ctx.close;
  Object.assign(ctx, {
    db: pool.db,
    close: async () => {
      await pool.close();
      await closeTest();
    },
  });
  return ctx;
}

/**
 * Inserts rows with multi-row INSERTs, as many rows per statement as stay under SQLite's 32,766
 * bound parameters (PostgreSQL allows 65,535). Run it inside one transaction for speed.
 */
export async function insertMany<T extends keyof Tables & string>(
  ex: Executor,
  table: T,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(32_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    await ex
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

/** A small deterministic random generator (mulberry32), so every run builds the same data. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** An index in [0, n) skewed towards 0: a few services have most incidents, as in real life. */
    skewed: (n: number) => Math.min(n - 1, Math.floor(n * next() ** 2.5)),
  };
}
