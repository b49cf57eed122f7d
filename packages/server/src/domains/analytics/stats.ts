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
export function percentileOf(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low]!;
  return a + (sorted[high]! - a) * (rank - low);
}

/**
 * Count, mean, median and p90 of durations in ms; missing ones (null) and negative ones (from clock
 * skew or bad input) are left out. PostgreSQL's bigints arrive as strings, so values are read as numbers.
 */
export function durationStats(values: readonly (number | string | null)[]): DurationStats {
  // Copied once into a typed array, which sorts numbers natively (no comparator call per pair):
  // a quarter's response figures sort some 60,000 durations.
  const kept = new Float64Array(values.length);
  let count = 0;
  let sum = 0;
  for (const value of values) {
    if (value === null) continue;
    const v = Number(value);
    if (!(v >= 0)) continue;
    kept[count++] = v;
    sum += v;
  }
  const sorted = kept.subarray(0, count).sort();
  return {
    count,
    meanMs: count ? Math.round(sum / count) : null,
    p50Ms: round(percentileOf(sorted, 50)),
    p90Ms: round(percentileOf(sorted, 90)),
  };
}

/** `part / whole`, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const round = (v: number | null) => (v == null ? null : Math.round(v));
