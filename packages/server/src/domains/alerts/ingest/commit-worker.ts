import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../../core/clock.js';
import { openSqlite } from '../../../core/db/database.js';
import { walSyncer } from '../../../core/db/sqlite-driver.js';
import { ThreadWriteLock } from '../../../core/db/thread-write-lock.js';
import { EventBus, type EventName } from '../../../core/events.js';
import { onJobsChanged } from '../../../core/scheduler/wakeup.js';
import { commitEach, type Settled } from './commit.js';
import type { CommitReply, CommitRequest, CommitThreadData, SerializedError } from './commit-thread.js';

// The ingest thread (see commit-thread.ts). Requests arrive whenever the event loop has some; those
// that arrived while a transaction was running are committed together in the next one (group
// commit), on this thread's own connection and under the file's write lock. The WAL is then synced
// on the thread pool while the next transaction runs: the sync, often the longest part of a commit,
// overlaps the next one instead of adding to it. A request is answered only after its sync.

const data = workerData as CommitThreadData;
const database = openSqlite(data.file, { syncedByCaller: true });
const lock = new ThreadWriteLock(data.lock);
const syncWal = coalesced(walSyncer(data.file));

/**
 * Syncs that ask while one runs share the next one: it starts after the running one ends, so it
 * covers every commit made before they asked.
 */
function coalesced(sync: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = sync().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    const again = () => {
      next = null;
      return start();
    };
    next ??= running.then(again, again);
    return next;
  };
}

const port = parentPort!;

/** Domain events are emitted by the event loop's bus, once the batch is durable: collect them. */
class CollectingBus extends EventBus {
  emitted: [EventName, unknown][] = [];
  override emit(event: EventName, payload: unknown): void {
    this.emitted.push([event, payload]);
  }
}

let jobsChanged = false;
onJobsChanged(() => {
  jobsChanged = true;
});

const serialize = (err: unknown): SerializedError => {
  const { name, message, code } = err as { name?: string; message?: string; code?: unknown };
  return { name: name ?? 'Error', message: message ?? String(err), code };
};

/** Commits the requests together (or, if that fails, item by item) and answers a reply for each. */
async function commitBatch(requests: CommitRequest[]): Promise<CommitReply[]> {
  const events = new CollectingBus();
  const now = requests[requests.length - 1]!.now;
  const clock: Clock = { now: () => now, sleep: () => Promise.reject(new Error('a commit does not sleep')) };
  jobsChanged = false;
  lock.acquireBlocking();
  let settled: Settled;
  try {
    settled = await commitEach(
      { db: database.db, dialect: 'sqlite', clock, events },
      requests.flatMap((r) => r.items),
    );
  } finally {
    lock.release();
  }
  let at = 0;
  return requests.map((r, i) => {
    const last = i === requests.length - 1;
    const mine = settled.results.slice(at, at + r.items.length);
    at += r.items.length;
    return {
      id: r.id,
      results: mine.map((result) => (result.ok ? result : { ok: false, error: serialize(result.error) })),
      // What the transactions did as a whole travels with the last request.
      emitted: last ? events.emitted : [],
      jobsChanged: last && jobsChanged,
      transactions: last ? settled.transactions : 0,
      splitBecause: last && settled.splitBecause ? serialize(settled.splitBecause) : undefined,
    };
  });
}

/** A failed sync: nobody may hear that these items are stored. */
const unsynced = (reply: CommitReply, err: unknown): CommitReply => ({
  ...reply,
  results: reply.results.map(() => ({ ok: false, error: serialize(err) })),
  emitted: [],
});

const waiting: CommitRequest[] = [];
const syncs = new Set<Promise<void>>();
let running = false;
let closing = false;

async function run(): Promise<void> {
  while (waiting.length) {
    const batch: CommitRequest[] = [];
    let events = 0;
    while (waiting.length && (batch.length === 0 || events + waiting[0]!.events <= data.maxBatchEvents)) {
      const next = waiting.shift()!;
      batch.push(next);
      events += next.events;
    }
    const replies = await commitBatch(batch);
    const durable = syncWal().then(
      () => {
        for (const reply of replies) port.postMessage(reply);
      },
      (err) => {
        for (const reply of replies) port.postMessage(unsynced(reply, err));
      },
    );
    syncs.add(durable);
    void durable.finally(() => syncs.delete(durable));
    // Let the requests that arrived meanwhile in before the next transaction.
    await new Promise((resolve) => setImmediate(resolve));
  }
  running = false;
  if (closing) {
    await Promise.all(syncs);
    await database.close();
    port.close();
  }
}

port.postMessage('ready');

// setImmediate, so that every request delivered in this turn joins the first transaction.
port.on('message', (request: CommitRequest | 'close') => {
  if (request === 'close') closing = true;
  else waiting.push(request);
  if (running) return;
  running = true;
  setImmediate(run);
});
