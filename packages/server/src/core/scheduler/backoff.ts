export type BackoffOptions = {
  /** Delay before the first retry. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * How long to wait before retrying a job that has failed `attempts` times (1 after the first failure):
 * doubling from `baseMs`, capped at `maxMs`, then shortened by up to a quarter at random so jobs that
 * failed together (a provider outage) do not all retry in the same instant. The jitter never overlaps
 * the next step, so each retry of one job waits longer than the one before until the cap.
 *
 * @example
 * retryDelayMs(1); // 3,750–5,000 ms
 * retryDelayMs(3); // 15,000–20,000 ms
 */
export function retryDelayMs(
  attempts: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(capped * (1 - 0.25 * random()));
}
