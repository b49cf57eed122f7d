/** What one item of a batch came to: its value, or the error it failed with alone. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Hands items submitted close together to `handle` as one batch, one batch at a time. While a batch
 * is being handled the next one fills up, so batches grow with the load by themselves, and a lone
 * item waits for nothing but the next turn of the event loop. `handle` answers one outcome per item,
 * in order; if it throws, every item of its batch fails with that error.
 *
 * @example
 * const writes = new Batches((rows: Row[]) => insertAll(rows), 100);
 * await writes.submit(row); // resolves once the batch holding it is done
 */
export class Batches<I, O> {
  private queue: { item: I; resolve(value: O): void; reject(error: unknown): void }[] = [];
  private busy = false;

  constructor(
    private readonly handle: (items: I[]) => Promise<Settled<O>[]>,
    private readonly maxItems: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  // setImmediate runs after this turn's I/O callbacks, so everything they submitted joins the batch;
  // between batches it lets the rest of the process (HTTP, timers) take its turn.
  private schedule(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    setImmediate(() => {
      const batch = this.queue.splice(0, this.maxItems);
      void this.run(batch).finally(() => {
        this.busy = false;
        this.schedule();
      });
    });
  }

  private async run(batch: typeof this.queue): Promise<void> {
    let outcomes: Settled<O>[];
    try {
      outcomes = await this.handle(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
