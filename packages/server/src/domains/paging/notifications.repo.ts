import type { Executor } from '../../core/db/database.js';
import type { PageRow } from './pages.repo.js';
import type { NoticesTable, NotificationAttemptsTable, NotificationsTable } from './paging.model.js';
import './paging.model.js';

// Queries only: the outbox and its attempts.

export type NotificationRow = NotificationsTable;
export type AttemptRow = NotificationAttemptsTable;
export type NoticeRow = NoticesTable;

export const getNotification = (ex: Executor, id: string) =>
  ex.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();

/** What a send needs to say: the page or notice it is about, and the recipient's name. */
export type DeliveryContext = {
  page: Pick<PageRow, 'id' | 'summary' | 'details' | 'status' | 'urgency'> | null;
  notice: Pick<NoticeRow, 'subject' | 'text' | 'url'> | null;
  recipientName: string;
};

/** A notification with everything its send needs, in one query (every send runs it). */
export async function getNotificationToSend(
  ex: Executor,
  id: string,
): Promise<{ n: NotificationRow; about: DeliveryContext } | undefined> {
  const row = await ex
    .selectFrom('notifications as n')
    .leftJoin('pages as p', 'p.id', 'n.page_id')
    .leftJoin('notices as no', 'no.id', 'n.notice_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .selectAll('n')
    .select([
      'p.summary as page_summary',
      'p.details as page_details',
      'p.status as page_status',
      'p.urgency as page_urgency',
      'no.subject as notice_subject',
      'no.text as notice_text',
      'no.url as notice_url',
      'u.name as recipient_name',
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { page_summary, page_details, page_status, page_urgency, notice_subject, notice_text, notice_url, ...n } = row;
  const page =
    n.page_id && page_status && page_urgency
      ? {
          id: n.page_id,
          summary: page_summary ?? '',
          details: page_details ?? '',
          status: page_status,
          urgency: page_urgency,
        }
      : null;
  const notice =
    n.notice_id && notice_subject != null
      ? { subject: notice_subject, text: notice_text ?? '', url: notice_url ?? null }
      : null;
  return { n: n as NotificationRow, about: { page, notice, recipientName: row.recipient_name ?? '' } };
}

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

export const insertAttempts = (ex: Executor, rows: AttemptRow | AttemptRow[]) =>
  ex.insertInto('notification_attempts').values(rows).execute();

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
