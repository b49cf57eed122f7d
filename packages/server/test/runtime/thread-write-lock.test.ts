import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { EVENT_LOOP, ThreadWriteLock, WORKER } from '../../src/core/db/thread-write-lock.js';

// The write lock between the event loop and the ingest thread, with a real worker thread: never two
// holders, the event loop never blocked while it waits, and the event loop served first.

const LOCK_URL = new URL('../../src/core/db/thread-write-lock.ts', import.meta.url).href;

// A worker that takes the lock `rounds` times, marking state[2] while it holds it and counting in
// state[3] each time it found someone else inside.
const HOLDER_SOURCE = `
import('tsx/esm/api').then(async (tsx) => {
  tsx.register();
  const { workerData, parentPort } = await import('node:worker_threads');
  const { ThreadWriteLock } = await import(${JSON.stringify(LOCK_URL)});
  const lock = new ThreadWriteLock(workerData.lock);
  const state = new Int32Array(workerData.state);
  for (let i = 0; i < workerData.rounds; i++) {
    lock.acquireBlocking();
    if (Atomics.exchange(state, 0, 2) !== 0) Atomics.add(state, 1, 1);
    const until = performance.now() + workerData.holdMs;
    while (performance.now() < until) {}
    Atomics.store(state, 0, 0);
    lock.release();
  }
  parentPort.postMessage('done');
});`;

function startHolder(lock: ThreadWriteLock, state: SharedArrayBuffer, rounds: number, holdMs: number): Worker {
  return new Worker(HOLDER_SOURCE, { eval: true, workerData: { lock: lock.buffer, state, rounds, holdMs } });
}

describe('core: the write lock shared by the event loop and a worker thread', () => {
  it('never has two holders, and the event loop keeps running while it waits', async () => {
    const lock = new ThreadWriteLock();
    const state = new SharedArrayBuffer(8);
    const inside = new Int32Array(state);
    const worker = startHolder(lock, state, 300, 0.2);
    const done = once(worker, 'message');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    let mine = 0;
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished || mine < 300) {
      await lock.acquire();
      if (Atomics.exchange(inside, 0, 1) !== 0) Atomics.add(inside, 1, 1);
      await new Promise((resolve) => setImmediate(resolve));
      Atomics.store(inside, 0, 0);
      lock.release();
      mine++;
    }
    clearInterval(ticker);
    await done;
    await worker.terminate();
    expect(Atomics.load(inside, 1)).toBe(0);
    expect(mine).toBeGreaterThanOrEqual(300);
    expect(ticks).toBeGreaterThan(5);
  });

  it('serves a waiting event loop before the worker takes the lock again', async () => {
    const lock = new ThreadWriteLock();
    const state = new SharedArrayBuffer(8);
    // The worker takes the lock back to back, holding it 5 ms each time, 200 times (a second).
    const worker = startHolder(lock, state, 200, 5);
    const done = once(worker, 'message');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const asked = performance.now();
      await lock.acquire();
      waits.push(performance.now() - asked);
      lock.release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await done;
    await worker.terminate();
    // Without priority, the event loop would lose most races to a worker that re-takes at once.
    expect(Math.max(...waits)).toBeLessThan(100);
  });

  it('frees the lock held by a worker that died, and only for that holder', async () => {
    const lock = new ThreadWriteLock();
    const held = new Int32Array(lock.buffer);
    Atomics.store(held, 0, WORKER);
    lock.releaseHeldBy(EVENT_LOOP);
    expect(Atomics.load(held, 0)).toBe(WORKER);
    lock.releaseHeldBy(WORKER);
    await lock.acquire();
    expect(Atomics.load(held, 0)).toBe(EVENT_LOOP);
    lock.release();
  });
});
