import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import type { NotificationRow } from '../notifications.repo.js';
import { requireSelfOrAdmin } from '../paging.policy.js';
import { getContactMethod } from '../people.repo.js';
import { addToOutbox, newNotification } from './outbox.js';

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
  const row = newNotification({
    purpose: 'test',
    page_id: null,
    step: null,
    user_id: userId,
    contact_method_id: method.id,
    channel: method.kind as NotificationRow['channel'],
    address: method.address,
    urgency: 'high',
    due_at: now,
    created_at: now,
  });
  await ctx.db.transaction().execute((trx) => addToOutbox(trx, ctx, [row]));
  return { notificationId: row.id };
}
