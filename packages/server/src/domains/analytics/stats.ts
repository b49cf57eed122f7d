import type { DurationStats } from '@firebreak/shared';

// Pure arithmetic over lists of durations. Percentiles are computed in the process rather than in
// SQL: SQLite has no percentile function, and one method for both dialects gives one answer.

/**
 * The p-th percentile (0–100) by linear interpolation between the nearest ranks, like
 * PostgreSQL's `percentile_cont`; null for an empty list. `sorted` must be ascending.
 *
 * @example
 * percentileOf([10, 20, 30, 40], 50); // 25
 * percentileOf([10, 20, 30, 40], 90); // 37
 */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low]!;
  return a + (sorted[high]! - a) * (rank - low);
}

/** Count, mean, median and p90 of durations in ms (negative ones, from clock skew or bad input, are left out). */
export function durationStats(values: readonly number[]): DurationStats {
  const sorted = values.filter((v) => v >= 0).sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    meanMs: sorted.length ? Math.round(sum / sorted.length) : null,
    p50Ms: round(percentileOf(sorted, 50)),
    p90Ms: round(percentileOf(sorted, 90)),
  };
}

/** `part / whole`, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** `to - from` when both are known and in order. */
export const span = (from: number | null, to: number | null): number | null =>
  from != null && to != null && to >= from ? to - from : null;

const round = (v: number | null) => (v == null ? null : Math.round(v));
