import type { Executor } from '../../core/db/database.js';
import type { StatusNotificationsTable, StatusSubscribersTable, SubscriberRow } from './statuspage.model.js';

// Subscribers and the notification outbox.

export const getSubscriberRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_subscribers').selectAll().where('id', '=', id).executeTakeFirst();

export const findSubscriber = (ex: Executor, kind: string, address: string) =>
  ex
    .selectFrom('status_subscribers')
    .selectAll()
    .where('kind', '=', kind as SubscriberRow['kind'])
    .where('address', '=', address)
    .executeTakeFirst();

export const insertSubscriber = (ex: Executor, row: StatusSubscribersTable) =>
  ex.insertInto('status_subscribers').values(row).execute();

export const updateSubscriberRow = (ex: Executor, id: string, changes: Partial<StatusSubscribersTable>) =>
  ex.updateTable('status_subscribers').set(changes).where('id', '=', id).executeTakeFirst();

export const deleteSubscriberRow = (ex: Executor, id: string) =>
  ex.deleteFrom('status_subscribers').where('id', '=', id).executeTakeFirst();

export const listSubscriberRows = (ex: Executor, options: { limit: number; after?: string | undefined }) => {
  let q = ex
    .selectFrom('status_subscribers')
    .selectAll()
    .orderBy('id')
    .limit(options.limit + 1);
  if (options.after) q = q.where('id', '>', options.after);
  return q.execute();
};

/** Confirmed, not unsubscribed: who notifications go to. */
export const listActiveSubscriberRows = (ex: Executor) =>
  ex
    .selectFrom('status_subscribers')
    .selectAll()
    .where('confirmed_at', 'is not', null)
    .where('unsubscribed_at', 'is', null)
    .orderBy('id')
    .execute();

export const lastNotifications = async (ex: Executor, subscriberIds: string[]) => {
  if (subscriberIds.length === 0) return new Map<string, StatusNotificationsTable>();
  const rows = await ex
    .selectFrom('status_notifications')
    .selectAll()
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('created_at', 'desc')
    .execute();
  const map = new Map<string, StatusNotificationsTable>();
  for (const r of rows) if (!map.has(r.subscriber_id)) map.set(r.subscriber_id, r);
  return map;
};

/** Adds an outbox row unless this subscriber already has one for this subject; true when added. */
export async function insertNotification(ex: Executor, row: StatusNotificationsTable): Promise<boolean> {
  const inserted = await ex
    .insertInto('status_notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['subscriber_id', 'subject']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const getNotificationRow = (ex: Executor, id: string) =>
  ex.selectFrom('status_notifications').selectAll().where('id', '=', id).executeTakeFirst();

export const updateNotificationRow = (ex: Executor, id: string, changes: Partial<StatusNotificationsTable>) =>
  ex.updateTable('status_notifications').set(changes).where('id', '=', id).execute();
