import type { AppContext } from '../../../core/context.js';
import { isConnectionError } from '../../../core/db/database.js';
import { commitItems, eventsIn, type IngestItem, type IngestOutcome } from './commit.js';

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

type Waiting = { item: IngestItem; events: number; resolve: (o: IngestOutcome) => void; reject: (e: unknown) => void };

/**
 * Group commit: requests arriving while a transaction is being committed wait together and are
 * committed in the next one, so a burst of 500 events costs one transaction (one fsync), not 500.
 * Each request's promise resolves only after the transaction holding its events committed, so a
 * 202 always means "durably stored". One batch commits at a time per process.
 *
 * @example
 * const queue = new IngestQueue(ctx);
 * const outcome = await queue.submit({ kind: 'alerts', target: { keyHash }, alerts });
 * await queue.close();
 */
export class IngestQueue {
  private readonly waiting: Waiting[] = [];
  private queuedEvents = 0;
  private committing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;
  readonly maxBatchEvents: number;
  readonly maxQueuedEvents: number;
  /** Counters for tests, metrics and the benchmark. */
  readonly stats = { batches: 0, events: 0, items: 0, refused: 0, commitMs: 0 };

  constructor(
    private readonly ctx: AppContext,
    options: IngestQueueOptions = {},
  ) {
    this.maxBatchEvents = options.maxBatchEvents ?? 500;
    this.maxQueuedEvents = options.maxQueuedEvents ?? ctx.config.ingestMaxQueuedEvents;
  }

  /** Events waiting for a transaction. */
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

  /** Commits what is waiting and refuses anything new. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.committing || this.waiting.length) {
      if (!this.committing) this.runBatch();
      await this.committing;
    }
  }

  // setImmediate, not a timer: it runs after the I/O callbacks of this loop turn, so every request
  // that was parsed meanwhile joins the batch, without adding latency when traffic is light.
  private schedule(): void {
    if (this.scheduled || this.committing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.committing && this.waiting.length) this.runBatch();
    });
  }

  private runBatch(): void {
    const batch: Waiting[] = [];
    let events = 0;
    while (this.waiting.length && (batch.length === 0 || events + this.waiting[0]!.events <= this.maxBatchEvents)) {
      const next = this.waiting.shift()!;
      batch.push(next);
      events += next.events;
    }
    this.queuedEvents -= events;
    this.committing = this.commit(batch, events).finally(() => {
      this.committing = null;
      if (this.waiting.length) this.schedule();
    });
  }

  private async commit(batch: Waiting[], events: number): Promise<void> {
    const started = performance.now();
    try {
      const outcomes = await commitItems(
        this.ctx,
        batch.map((w) => w.item),
      );
      this.stats.commitMs += performance.now() - started;
      this.stats.batches++;
      this.stats.events += events;
      this.stats.items += batch.length;
      for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!);
    } catch (err) {
      if (batch.length === 1 || isConnectionError(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // One bad item must not fail the others: commit them one by one to find it.
      this.ctx.log.error({ err, items: batch.length }, 'ingest batch failed; committing its items one by one');
      for (const w of batch) {
        try {
          const [outcome] = await commitItems(this.ctx, [w.item]);
          this.stats.batches++;
          this.stats.events += w.events;
          this.stats.items++;
          w.resolve(outcome!);
        } catch (itemErr) {
          w.reject(itemErr);
        }
      }
    }
  }
}
