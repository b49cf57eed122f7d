import type { Clock } from '../../src/core/clock.js';

/**
 * Real time, sped up: `speed` clock milliseconds pass per real millisecond, from `origin` (clock)
 * at `realOrigin` (Date.now()). Processes given the same three numbers share one timeline, so a
 * restarted process continues where the killed one left off.
 */
export function scaledClock(origin: number, realOrigin: number, speed: number): Clock {
  return {
    now: () => origin + (Date.now() - realOrigin) * speed,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = setTimeout(done, Math.max(0, ms / speed));
        function done() {
          signal?.removeEventListener('abort', done);
          clearTimeout(timer);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
}
