import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../../core/context.js';
import type { SqliteFile } from '../../../core/db/database.js';
import { coalesced, type WalSync, walSyncer } from '../../../core/db/sqlite-driver.js';
import { WORKER } from '../../../core/db/thread-write-lock.js';
import type { EventName } from '../../../core/events.js';
import { signalJobsChanged } from '../../../core/scheduler/wakeup.js';
import type { IngestItem, IngestOutcome, ItemResult, Settled } from './commit.js';

// On SQLite the statements of an ingest batch cost as much CPU as reading and answering its
// requests, and on one thread the two took turns. The ingest thread commits on its own connection
// while the event loop goes on reading and answering requests: two cores instead of one.
// PostgreSQL does its work in its own processes already; there the queue commits on the event loop.

export type CommitThreadData = { file: string; lock: SharedArrayBuffer; maxBatchEvents: number };
export type CommitRequest = { id: number; items: IngestItem[]; events: number; now: number };
export type SerializedError = { name: string; message: string; code: unknown };
export type CommitReply = {
  id: number;
  results: ({ ok: true; outcome: IngestOutcome } | { ok: false; error: SerializedError })[];
  emitted: [EventName, unknown][];
  jobsChanged: boolean;
  /** Transactions committed for this request and those before it in the same group (for stats). */
  transactions: number;
  /** The error that made a transaction fall back to one item at a time. */
  splitBecause?: SerializedError;
};

type Pending = { resolve: (reply: CommitReply) => void; reject: (err: unknown) => void };

// Run from source (tsx, tests) the thread loads the TypeScript file through tsx, which a worker
// thread of Node 20 does not inherit from its parent's --import.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(fromSource ? './commit-worker.ts' : './commit-worker.js', import.meta.url);
const BOOT_FROM_SOURCE = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;

const revive = (e: SerializedError): Error => Object.assign(new Error(e.message), e);

/**
 * Commits ingest items on a worker thread with its own connection to the SQLite file; the thread
 * groups whatever arrived while it was busy into its next transaction. Answers one result per item
 * (like `commitEach`) once the items are durable, then emits their domain events and wakes the
 * schedulers here. Call it as often as items come: a call never waits for an earlier one. The
 * thread starts on the first call, and again after it died.
 *
 * @example
 * const thread = new CommitThread(ctx, sqliteFileOf(ctx.db)!, 500);
 * const { results } = await thread.commit(items, 7);
 * await thread.close();
 */
export class CommitThread {
  private worker: Worker | null = null;
  private ready: Promise<void> = Promise.resolve();
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly walSync: WalSync;
  private readonly syncWal: () => Promise<void>;

  constructor(
    private readonly ctx: AppContext,
    private readonly sqlite: SqliteFile,
    private readonly maxBatchEvents: number,
  ) {
    this.walSync = walSyncer(sqlite.file);
    this.syncWal = coalesced(this.walSync);
  }

  async commit(items: IngestItem[], events: number): Promise<Settled> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    const reply = await new Promise<CommitReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, items, events, now: this.ctx.clock.now() } satisfies CommitRequest);
    });
    for (const [event, payload] of reply.emitted) this.ctx.events.emit(event, payload as never);
    if (reply.jobsChanged) signalJobsChanged();
    const results = reply.results.map((r): ItemResult => (r.ok ? r : { ok: false, error: revive(r.error) }));
    const splitBecause = reply.splitBecause && revive(reply.splitBecause);
    return { results, transactions: reply.transactions, splitBecause };
  }

  /** Starts the thread now rather than on the first call, and waits until it can commit. */
  async start(): Promise<void> {
    if (!this.worker) this.spawn();
    await this.ready;
  }

  /** After every commit was answered (the ingest queue's close waits for them). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) {
      const exited = once(worker, 'exit');
      worker.postMessage('close');
      await exited;
    }
    this.walSync.close();
  }

  private spawn(): Worker {
    const workerData: CommitThreadData = {
      file: this.sqlite.file,
      lock: this.sqlite.lock.buffer,
      maxBatchEvents: this.maxBatchEvents,
    };
    const worker = new Worker(fromSource ? BOOT_FROM_SOURCE : WORKER_FILE, { eval: fromSource, workerData });
    worker.unref();
    let isReady = () => {};
    let notReady: (err: unknown) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      isReady = resolve;
      notReady = reject;
    });
    this.ready.catch(() => {}); // when nobody waits for it, the pending calls hear of the failure
    worker.on('message', (replies: CommitReply[] | 'ready') => {
      if (replies === 'ready') return isReady();
      const answered = replies.map((reply) => {
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        return { reply, waiting };
      });
      // A sync that starts after the transaction committed: only then may anyone hear "stored".
      this.syncWal().then(
        () => {
          for (const { reply, waiting } of answered) waiting?.resolve(reply);
        },
        (err) => {
          for (const { waiting } of answered) waiting?.reject(err);
        },
      );
    });
    const died = (err: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.sqlite.lock.releaseHeldBy(WORKER);
      notReady(err);
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', died);
    worker.on('exit', (code) =>
      died(new Error(`The ingest thread stopped (exit code ${code}) before it answered; send the events again.`)),
    );
    this.worker = worker;
    return worker;
  }
}
