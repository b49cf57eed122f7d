import type { Executor } from '../../core/db/database.js';
import type { NoticesTable, NotificationAttemptsTable, NotificationsTable } from './paging.model.js';
import './paging.model.js';

// Queries only: the outbox and its attempts.

export type NotificationRow = NotificationsTable;
export type AttemptRow = NotificationAttemptsTable;
export type NoticeRow = NoticesTable;

export const getNotification = (ex: Executor, id: string) =>
  ex.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertNotifications(ex: Executor, rows: NotificationRow[]): Promise<void> {
  if (rows.length > 0) await ex.insertInto('notifications').values(rows).execute();
}

/**
 * Updates the notification only if nobody else changed its attempt count meanwhile (two workers
 * racing for one notification after a lease expired); true when this call won.
 */
export async function updateNotificationFenced(
  ex: Executor,
  id: string,
  expectedAttempts: number,
  changes: Partial<Omit<NotificationRow, 'id'>>,
): Promise<boolean> {
  const result = await ex
    .updateTable('notifications')
    .set(changes)
    .where('id', '=', id)
    .where('attempts', '=', expectedAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stops every notification of a page that has not gone out yet (acknowledged or resolved). */
export const cancelUnsent = (ex: Executor, pageId: string) =>
  ex
    .updateTable('notifications')
    .set({ status: 'cancelled' })
    .where('page_id', '=', pageId)
    .where('status', 'in', ['pending', 'retrying'])
    .execute();

export const insertAttempt = (ex: Executor, row: AttemptRow) =>
  ex.insertInto('notification_attempts').values(row).execute();

export const finishAttempt = (ex: Executor, id: string, changes: Partial<Omit<AttemptRow, 'id'>>) =>
  ex.updateTable('notification_attempts').set(changes).where('id', '=', id).execute();

/** An attempt whose worker died mid-send: its outcome is unknown. */
export const markInterrupted = (ex: Executor, notificationId: string, at: number) =>
  ex
    .updateTable('notification_attempts')
    .set({ status: 'interrupted', finished_at: at, error: 'the process stopped during the send; outcome unknown' })
    .where('notification_id', '=', notificationId)
    .where('status', '=', 'in_progress')
    .execute();

export const listNotificationsOfPage = (ex: Executor, pageId: string) =>
  ex.selectFrom('notifications').selectAll().where('page_id', '=', pageId).orderBy('due_at').orderBy('id').execute();

export async function listAttempts(ex: Executor, notificationIds: string[]): Promise<AttemptRow[]> {
  if (notificationIds.length === 0) return [];
  return ex
    .selectFrom('notification_attempts')
    .selectAll()
    .where('notification_id', 'in', notificationIds)
    .orderBy('attempt')
    .execute();
}

/** A person's in-app notifications, newest first: pages and notices. */
export const listInbox = (ex: Executor, userId: string, limit: number) =>
  ex
    .selectFrom('notifications as n')
    .leftJoin('pages as p', 'p.id', 'n.page_id')
    .leftJoin('notices as no', 'no.id', 'n.notice_id')
    .select(['n.id', 'n.page_id', 'n.urgency', 'n.created_at', 'n.read_at', 'p.summary', 'no.subject', 'no.url'])
    .where('n.user_id', '=', userId)
    .where('n.channel', '=', 'in_app')
    .where('n.status', '=', 'sent')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();

/** Finished notifications through contact methods since `since`, newest first. */
export const listFinishedByMethod = (ex: Executor, since: number) =>
  ex
    .selectFrom('notifications')
    .select(['contact_method_id', 'status', 'last_error', 'failed_at', 'sent_at', 'created_at'])
    .where('contact_method_id', 'is not', null)
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const getNotice = (ex: Executor, id: string) =>
  ex.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();

export const findNoticeByDedupKey = (ex: Executor, dedupKey: string) =>
  ex.selectFrom('notices').select('id').where('dedup_key', '=', dedupKey).executeTakeFirst();

export const insertNotice = (ex: Executor, row: NoticeRow) => ex.insertInto('notices').values(row).execute();

/** Stops what a notice still has to send (the person read it in the app). */
export const cancelUnsentOfNotice = (ex: Executor, noticeId: string) =>
  ex
    .updateTable('notifications')
    .set({ status: 'cancelled' })
    .where('notice_id', '=', noticeId)
    .where('status', 'in', ['pending', 'retrying'])
    .execute();
