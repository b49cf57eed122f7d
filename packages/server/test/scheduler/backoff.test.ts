import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/core/scheduler/backoff.js';

describe('retryDelayMs', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 };
  const longest = (attempts: number) => retryDelayMs(attempts, options, () => 0);
  const shortest = (attempts: number) => retryDelayMs(attempts, options, () => 1);

  it.each([
    [1, 750, 1_000],
    [2, 1_500, 2_000],
    [3, 3_000, 4_000],
    [6, 24_000, 32_000],
    [7, 45_000, 60_000],
    [50, 45_000, 60_000],
  ])('after %i failures waits between %i and %i ms', (attempts, min, max) => {
    expect(shortest(attempts)).toBe(min);
    expect(longest(attempts)).toBe(max);
  });

  it('never lets jitter make a later retry wait less than an earlier one, below the cap', () => {
    for (let attempts = 1; longest(attempts) < options.maxMs; attempts++) {
      expect(shortest(attempts + 1)).toBeGreaterThanOrEqual(longest(attempts));
    }
  });

  it('spreads retries of jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
