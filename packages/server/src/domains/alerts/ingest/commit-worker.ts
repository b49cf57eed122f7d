import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../../core/clock.js';
import { openSqlite } from '../../../core/db/database.js';
import { ThreadWriteLock } from '../../../core/db/thread-write-lock.js';
import { EventBus, type EventName } from '../../../core/events.js';
import { onJobsChanged } from '../../../core/scheduler/wakeup.js';
import { commitEach, type Settled } from './commit.js';
import type { CommitReply, CommitRequest, CommitThreadData, SerializedError } from './commit-thread.js';
import { IngestMemory } from './memory.js';

// The ingest thread (see commit-thread.ts). Requests arrive whenever the event loop has some; those
// that arrived while a transaction was running are committed together in the next one (group
// commit), on this thread's own connection and under the file's write lock. Each transaction's
// replies go back at once, in one message; the event loop syncs the WAL before it answers anyone.
// Syncing here would hold the replies until the next transaction ends: a callback of the thread
// pool cannot run while this thread runs a transaction.

const data = workerData as CommitThreadData;
const database = openSqlite(data.file, { syncedByCaller: true });
const lock = new ThreadWriteLock(data.lock);
const memory = new IngestMemory();

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
      { db: database.db, dialect: 'sqlite', clock, events, memory },
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

const waiting: CommitRequest[] = [];
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
    port.postMessage(await commitBatch(batch));
    // Let the requests that arrived meanwhile in before the next transaction.
    await new Promise((resolve) => setImmediate(resolve));
  }
  running = false;
  if (closing) {
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
