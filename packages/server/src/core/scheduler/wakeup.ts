import { PgListener } from '../db/pg-listener.js';
import type { Logger } from '../logger.js';

/** PostgreSQL channel on which `enqueueJob` notifies every scheduler process. */
export const JOBS_CHANNEL = 'firebreak_jobs';

type Listener = () => void;
const localListeners = new Set<Listener>();

/**
 * Tells the schedulers of this process that the jobs table changed. Waking early is always safe:
 * a woken scheduler only re-reads the table.
 */
export function signalJobsChanged(): void {
  for (const listener of localListeners) listener();
}

/** Subscribes to `signalJobsChanged`; returns the unsubscribe function. */
export function onJobsChanged(listener: Listener): () => void {
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

/**
 * A LISTEN connection on `firebreak_jobs`, so an enqueue committed by any process wakes this one at
 * once. It also wakes after every reconnect, since notifications sent while it was away are lost.
 */
export function listenForJobs(connectionString: string, onWake: () => void, log: Logger): PgListener {
  return new PgListener({
    connectionString,
    channels: [JOBS_CHANNEL],
    onNotification: onWake,
    onConnected: onWake,
    log,
    name: 'scheduler-listener',
  });
}
