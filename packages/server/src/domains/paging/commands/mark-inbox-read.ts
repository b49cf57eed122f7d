import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { cancelUnsentOfNotice } from '../notifications.repo.js';

/**
 * Marks one of the person's in-app notifications read (the UI's unread badge). Reading a notice in
 * the app also stops its deliveries that are not due yet: the person has seen it.
 */
export async function markInboxRead(ctx: AppContext, userId: string, notificationId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('notifications')
    .select(['id', 'notice_id', 'read_at'])
    .where('id', '=', notificationId)
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .executeTakeFirst();
  if (!row) throw notFound('notification', notificationId);
  if (row.read_at !== null) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now() })
      .where('id', '=', row.id)
      .where('read_at', 'is', null)
      .execute();
    if (row.notice_id) await cancelUnsentOfNotice(trx, row.notice_id);
  });
}
