import type { AppContext } from '../../../core/context.js';
import { sqliteFileOf } from '../../../core/db/database.js';
import { commitEach, eventsIn, type IngestItem, type IngestOutcome, type ItemResult, type Settled } from './commit.js';
import { CommitThread } from './commit-thread.js';

export type IngestQueueOptions = {
  /** Events per transaction at most (an item is never split, so one big notification may exceed it). */
  maxBatchEvents?: number;
  /**
   * Beyond this many waiting events, new requests are refused with 429 instead of waiting.
   * Defaults to the FIREBREAK_INGEST_MAX_QUEUED_EVENTS setting.
   */
  maxQueuedEvents?: number;
};

/** The queue is over its limit: the caller answers 429 with Retry-After. */
export class IngestOverloaded extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many events are waiting to be committed; retry shortly.');
    this.name = 'IngestOverloaded';
  }
}

/**
 * Events per message to the ingest thread at most. It groups messages into transactions of up to
 * `maxBatchEvents`; small messages let it answer part of a burst while it commits the rest, so the
 * event loop always has requests to answer and read instead of waiting for the whole burst.
 */
const THREAD_MESSAGE_EVENTS = 50;

type Waiting = { item: IngestItem; events: number; resolve: (o: IngestOutcome) => void; reject: (e: unknown) => void };

/**
 * Group commit: requests arriving while a transaction is being committed wait together and are
 * committed in the next one, so a burst of 500 events costs one transaction (one fsync), not 500.
 * Each request's promise resolves only after the transaction holding its events committed, so a
 * 202 always means "durably stored". On PostgreSQL one batch commits at a time per process; on a
 * SQLite file batches go to the ingest thread (commit-thread.ts) as they form, and it groups them,
 * so the event loop reads and answers requests while the thread commits.
 *
 * @example
 * const queue = new IngestQueue(ctx);
 * const outcome = await queue.submit({ kind: 'alerts', target: { keyHash }, alerts });
 * await queue.close();
 */
export class IngestQueue {
  private readonly waiting: Waiting[] = [];
  private queuedEvents = 0;
  /** A batch is being committed on the event loop's connection (one at a time there). */
  private committing = false;
  private readonly inFlight = new Set<Promise<void>>();
  private scheduled = false;
  private closed = false;
  private readonly thread: CommitThread | null;
  readonly maxBatchEvents: number;
  readonly maxQueuedEvents: number;
  /** Counters for tests, metrics and the benchmark. */
  readonly stats = { batches: 0, events: 0, items: 0, refused: 0 };

  constructor(
    private readonly ctx: AppContext,
    options: IngestQueueOptions = {},
  ) {
    this.maxBatchEvents = options.maxBatchEvents ?? 500;
    this.maxQueuedEvents = options.maxQueuedEvents ?? ctx.config.ingestMaxQueuedEvents;
    const sqlite = sqliteFileOf(ctx.db);
    this.thread = sqlite ? new CommitThread(ctx, sqlite, this.maxBatchEvents) : null;
  }

  /** Events waiting for their transaction, or in it. */
  get depth(): number {
    return this.queuedEvents;
  }

  submit(item: IngestItem): Promise<IngestOutcome> {
    if (this.closed) return Promise.reject(new IngestOverloaded(5));
    const events = eventsIn(item);
    // One item larger than the whole limit is still taken when the queue is empty: it would never fit.
    if (this.queuedEvents > 0 && this.queuedEvents + events > this.maxQueuedEvents) {
      this.stats.refused++;
      return Promise.reject(new IngestOverloaded(1));
    }
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.waiting.push({ item, events, resolve, reject });
      this.queuedEvents += events;
      this.schedule();
    });
  }

  /** Gets ready to commit at once: on SQLite, starts the ingest thread (which would start on the first batch). */
  async start(): Promise<void> {
    await this.thread?.start();
  }

  /** Commits what is waiting and refuses anything new. */
  async close(): Promise<void> {
    this.closed = true;
    for (;;) {
      if (this.mayStart() && this.waiting.length) this.runBatch();
      if (this.inFlight.size === 0) break;
      await Promise.all(this.inFlight);
    }
    await this.thread?.close();
  }

  // setImmediate, not a timer: it runs after the I/O callbacks of this loop turn, so every request
  // that was parsed meanwhile joins the batch, without adding latency when traffic is light.
  private schedule(): void {
    if (this.scheduled || !this.mayStart()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.mayStart()) return;
      // The thread takes everything waiting, in messages of a few dozen events; here, one batch.
      if (this.thread) while (this.waiting.length) this.runBatch();
      else if (this.waiting.length) this.runBatch();
    });
  }

  /** The ingest thread takes a batch whenever one is ready (it groups them itself); here, one at a time. */
  private mayStart(): boolean {
    return this.thread !== null || !this.committing;
  }

  private runBatch(): void {
    const batch: Waiting[] = [];
    let events = 0;
    const most = this.thread ? THREAD_MESSAGE_EVENTS : this.maxBatchEvents;
    while (this.waiting.length && (batch.length === 0 || events + this.waiting[0]!.events <= most)) {
      const next = this.waiting.shift()!;
      batch.push(next);
      events += next.events;
    }
    this.committing = true;
    const commit = this.commit(batch, events);
    this.inFlight.add(commit);
    void commit.finally(() => this.inFlight.delete(commit));
  }

  private async settle(items: IngestItem[], events: number): Promise<Settled> {
    const settled = this.thread ? await this.thread.commit(items, events) : await commitEach(this.ctx, items);
    if (settled.splitBecause) {
      const err = settled.splitBecause;
      this.ctx.log.error({ err, items: items.length }, 'ingest batch failed; committed its items one by one');
    }
    return settled;
  }

  private async commit(batch: Waiting[], events: number): Promise<void> {
    let results: ItemResult[];
    try {
      const settled = await this.settle(
        batch.map((w) => w.item),
        events,
      );
      results = settled.results;
      this.stats.batches += settled.transactions;
    } catch (err) {
      results = batch.map(() => ({ ok: false, error: err }));
    }
    // The next batch goes before this one's answers are written: it never waits for them.
    this.queuedEvents -= events;
    this.committing = false;
    if (this.waiting.length && this.mayStart()) this.runBatch();
    for (const [i, w] of batch.entries()) {
      const result = results[i]!;
      if (!result.ok) {
        w.reject(result.error);
        continue;
      }
      this.stats.events += w.events;
      this.stats.items++;
      w.resolve(result.outcome);
    }
  }
}
