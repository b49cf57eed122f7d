// SQLite lets one connection write at a time, and a connection that finds the file locked waits in
// SQLite's busy handler, asleep — on the event loop's thread that would stall every request. The
// threads of one process that write to one file (the event loop's connection and the alerts ingest
// thread's) therefore take this lock first: the event loop waits for it without blocking
// (Atomics.waitAsync), a worker thread blocks, and SQLite itself never finds the file locked.

const HOLDER = 0;
const WAITING = 1;
const FREE = 0;

/** Who holds the lock: the event loop's connection, or a worker thread's. */
export const EVENT_LOOP = 1;
export const WORKER = 2;

/**
 * A write lock over a SharedArrayBuffer, so every thread that gets the buffer shares it. The event
 * loop goes first: a worker thread does not take the lock while the event loop is waiting for it.
 *
 * @example
 * const lock = new ThreadWriteLock();
 * await lock.acquire();            // on the event loop
 * try { write() } finally { lock.release() }
 * new Worker(file, { workerData: { lock: lock.buffer } });   // then new ThreadWriteLock(buffer) there
 */
export class ThreadWriteLock {
  private readonly state: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.state = new Int32Array(buffer);
  }

  /** Takes the lock for the event loop's connection, without blocking the event loop. */
  async acquire(): Promise<void> {
    Atomics.add(this.state, WAITING, 1);
    try {
      for (;;) {
        const holder = Atomics.compareExchange(this.state, HOLDER, FREE, EVENT_LOOP);
        if (holder === FREE) return;
        const wait = Atomics.waitAsync(this.state, HOLDER, holder);
        if (wait.async) await wait.value;
      }
    } finally {
      Atomics.sub(this.state, WAITING, 1);
    }
  }

  /** Takes the lock for a worker thread, blocking that thread; yields to a waiting event loop. */
  acquireBlocking(): void {
    for (;;) {
      if (Atomics.load(this.state, WAITING) === 0 && Atomics.compareExchange(this.state, HOLDER, FREE, WORKER) === FREE)
        return;
      // Woken by a release; the timeout re-checks whether the event loop is still waiting.
      Atomics.wait(this.state, HOLDER, Atomics.load(this.state, HOLDER), 1);
    }
  }

  release(): void {
    Atomics.store(this.state, HOLDER, FREE);
    Atomics.notify(this.state, HOLDER);
  }

  /** Frees the lock if `holder` has it: a worker thread that died holding it. */
  releaseHeldBy(holder: number): void {
    if (Atomics.compareExchange(this.state, HOLDER, holder, FREE) === holder) Atomics.notify(this.state, HOLDER);
  }
}
