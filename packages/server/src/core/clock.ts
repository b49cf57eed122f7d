/**
 * Time as a dependency: domain code asks the clock, never `Date.now()`, so tests
 * move time forward instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` of this clock's time has passed (or at once if `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener('abort', done);
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock that only moves when told to. Sleepers wake when `advance` passes their time.
 *
 * @example
 * const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
 * await clock.advance(30 * 60_000); // a 30-minute escalation, in milliseconds of real time
 */
export class FakeClock implements Clock {
  private sleepers: { until: number; wake: () => void }[] = [];

  constructor(private current: number = Date.parse('2026-01-05T09:00:00Z')) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper = {
        until: this.current + ms,
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
    });
  }

  /** Moves time forward, waking every sleeper whose time has come, and lets them run. */
  async advance(ms: number): Promise<void> {
    this.current += ms;
    for (const sleeper of this.sleepers.filter((s) => s.until <= this.current)) sleeper.wake();
    await new Promise((resolve) => setImmediate(resolve));
  }

  set(epochMs: number): Promise<void> {
    return this.advance(epochMs - this.current);
  }
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : toIso(ms));
