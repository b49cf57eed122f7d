import autocannon from 'autocannon';
import type { Dialect } from '../packages/server/src/core/db/database.js';

/** The dialects to measure: SQLite always, PostgreSQL when FIREBREAK_TEST_PG_URL is set. */
export const BENCH_DIALECTS: Dialect[] = process.env.FIREBREAK_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** Drives `url` with autocannon over loopback and returns throughput and latency. */
export async function load(
  url: string,
  options: { connections?: number; duration?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.duration ?? 10,
    headers: options.headers,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
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
