import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { enqueueJobs, type NewJob } from '../../../core/scheduler/enqueue.js';
import { type AttemptRow, insertAttempts, insertNotifications, type NotificationRow } from '../notifications.repo.js';
import { JOB_SEND, PRIORITY, sendKey } from '../paging.model.js';

// Putting notifications in the outbox, inside the caller's transaction: every page step, notice and
// test notification goes through here. The rows are built first (`outboxWrites`), so that many
// commands' rows can go into one statement per table (`writeOutbox`).

/** Where a notification's sends queue: high-urgency pages before everything else. */
export const sendPriority = (n: Pick<NotificationRow, 'purpose' | 'urgency'>): number =>
  n.purpose === 'page' ? PRIORITY.send[n.urgency] : PRIORITY[n.purpose];

/** What a new notification says; the rest of its row is the state of one not tried yet. */
export type NewNotification = Pick<
  NotificationRow,
  | 'purpose'
  | 'page_id'
  | 'step'
  | 'user_id'
  | 'contact_method_id'
  | 'channel'
  | 'address'
  | 'urgency'
  | 'due_at'
  | 'created_at'
> & { notice_id?: string | null };

/** A notification row not tried yet, with a new id (its idempotency key). */
export const newNotification = (n: NewNotification): NotificationRow => ({
  id: newId(),
  notice_id: null,
  status: 'pending',
  attempts: 0,
  last_error: null,
  provider_id: null,
  sent_at: null,
  failed_at: null,
  read_at: null,
  ...n,
});

export type OutboxWrites = { notifications: NotificationRow[]; attempts: AttemptRow[]; jobs: NewJob[] };

/**
 * The rows that put `rows` in the outbox at `now`: each notification and a `notification-send` job
 * for it. An in-app notification due now is delivered by the commit itself (the row is what the
 * inbox lists), so it is written as sent, with its accepted attempt, instead of costing a job.
 */
export function outboxWrites(rows: NotificationRow[], now: number): OutboxWrites {
  const writes: OutboxWrites = { notifications: [], attempts: [], jobs: [] };
  for (const n of rows) {
    if (n.channel === 'in_app' && n.due_at <= now) {
      writes.notifications.push({ ...n, status: 'sent', attempts: 1, sent_at: now });
      writes.attempts.push({
        id: newId(),
        notification_id: n.id,
        attempt: 1,
        status: 'accepted',
        error: null,
        http_status: null,
        started_at: now,
        finished_at: now,
        latency_ms: 0,
      });
      continue;
    }
    writes.notifications.push(n);
    writes.jobs.push({
      kind: JOB_SEND,
      payload: { notificationId: n.id },
      runAt: n.due_at,
      dedupeKey: sendKey(n.id),
      priority: sendPriority(n),
    });
  }
  return writes;
}

/** Writes outbox rows (of one command or of many) with one statement per table. */
export async function writeOutbox(trx: Executor, ctx: AppContext, writes: OutboxWrites): Promise<void> {
  await insertNotifications(trx, writes.notifications);
  if (writes.attempts.length > 0) await insertAttempts(trx, writes.attempts);
  await enqueueJobs(trx, ctx.clock, writes.jobs);
}

/**
 * Puts notifications in the outbox now.
 *
 * @example
 * await addToOutbox(trx, ctx, rows);
 */
export const addToOutbox = (trx: Executor, ctx: AppContext, rows: NotificationRow[]) =>
  writeOutbox(trx, ctx, outboxWrites(rows, ctx.clock.now()));
