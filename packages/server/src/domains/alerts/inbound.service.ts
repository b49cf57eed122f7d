import type { AppContext } from '../../core/context.js';
import type { IntegrationRow } from './alerts.model.js';
import { IngestQueue, type IngestQueueOptions } from './ingest/ingest-queue.js';
import { getIntegrationByKeyHash } from './integrations.repo.js';
import { hashRoutingKey } from './routing-key.js';

const queues = new WeakMap<AppContext, IngestQueue>();

/**
 * The process's ingest queue for this context (one per app; closed with it). Options apply when
 * the queue is created (tests make a small one to see 429s).
 */
export function ingestQueueFor(ctx: AppContext, options?: IngestQueueOptions): IngestQueue {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new IngestQueue(ctx, options);
    queues.set(ctx, queue);
  }
  return queue;
}

/** Forgets a closed queue so a new app on the same context gets a fresh one. */
export function dropIngestQueue(ctx: AppContext): void {
  queues.delete(ctx);
}

/** The integration a key-in-URL belongs to, looked up by the key's hash. */
export function integrationByKey(ctx: AppContext, key: string): Promise<IntegrationRow | undefined> {
  return getIntegrationByKeyHash(ctx.db, hashRoutingKey(key));
}
