import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import type { By } from '../../directory/index.js';
import { insertNotifications, type NotificationRow } from '../notifications.repo.js';
import { JOB_SEND, PRIORITY, sendKey } from '../paging.model.js';
import { requireSelfOrAdmin } from '../paging.policy.js';
import { getContactMethod } from '../people.repo.js';

/**
 * Sends a test notification to one contact method. When the channel accepts it (a 2xx from a
 * webhook, SMTP accepted, the SMS provider accepted), the method counts as verified.
 */
export async function sendTestNotification(
  ctx: AppContext,
  userId: string,
  contactMethodId: string,
  by: By,
): Promise<{ notificationId: string }> {
  requireSelfOrAdmin(by, userId, "test a person's contact methods");
  const method = await getContactMethod(ctx.db, contactMethodId);
  if (!method || method.user_id !== userId) throw notFound('contact method', contactMethodId);
  const now = ctx.clock.now();
  const row: NotificationRow = {
    id: newId(),
    purpose: 'test',
    page_id: null,
    step: null,
    user_id: userId,
    contact_method_id: method.id,
    channel: method.kind as NotificationRow['channel'],
    address: method.address,
    urgency: 'high',
    status: 'pending',
    due_at: now,
    attempts: 0,
    last_error: null,
    provider_id: null,
    sent_at: null,
    failed_at: null,
    read_at: null,
    created_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertNotifications(trx, [row]);
    await enqueueJob(trx, ctx.clock, {
      kind: JOB_SEND,
      payload: { notificationId: row.id },
      runAt: now,
      dedupeKey: sendKey(row.id),
      priority: PRIORITY.test,
    });
  });
  return { notificationId: row.id };
}
