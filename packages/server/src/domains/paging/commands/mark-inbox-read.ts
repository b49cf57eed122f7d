import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';

/** Marks one of the person's in-app notifications read (the UI's unread badge). */
export async function markInboxRead(ctx: AppContext, userId: string, notificationId: string): Promise<void> {
  const result = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock.now() })
    .where('id', '=', notificationId)
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', notificationId)
      .where('user_id', '=', userId)
      .where('channel', '=', 'in_app')
      .executeTakeFirst();
    if (!exists) throw notFound('notification', notificationId);
  }
}
