import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/ids.js';
import { transact } from '../../../core/scheduler/group-commit.js';
import { isUniqueViolation } from '../../directory/db-errors.js';
import { planNotice } from '../notification-plan.js';
import { findNoticeByDedupKey, insertNotice } from '../notifications.repo.js';
import type { NoticeKind } from '../paging.model.js';
import { loadPeople } from '../people.repo.js';
import { addToOutbox, newNotification } from './outbox.js';

export type NewNotice = {
  userId: string;
  kind: NoticeKind;
  /** One line, also the email subject and the in-app summary. */
  subject: string;
  text: string;
  /** Where to act on it, e.g. the incident's page. */
  url?: string | null;
  /** A second notice with the same key is not sent. */
  dedupKey?: string;
};

/**
 * Tells one person something once, without escalating: in the app at once, and through their
 * low-urgency rules (every method at 0 by default), counted from now. Each delivery is an outbox row
 * like a page's, with retries and attempts. For other domains' reminders and handoffs; null when
 * the person is unknown or deactivated.
 *
 * @example
 * await notifyPerson(ctx, { userId, kind: 'update_overdue', subject: 'INC-42: status update overdue', text, url });
 */
export async function notifyPerson(
  ctx: AppContext,
  notice: NewNotice,
): Promise<{ id: string; deduplicated: boolean } | null> {
  if (notice.dedupKey) {
    const seen = await findNoticeByDedupKey(ctx.db, notice.dedupKey);
    if (seen) return { id: seen.id, deduplicated: true };
  }
  const [person] = await loadPeople(ctx.db, [notice.userId]);
  if (!person) return null;
  const now = ctx.clock.now();
  const id = newId();
  const rows = planNotice(person, now).notifications.map((n) =>
    newNotification({
      purpose: 'notice',
      page_id: null,
      notice_id: id,
      step: null,
      user_id: person.userId,
      contact_method_id: n.contactMethodId,
      channel: n.channel,
      address: n.address,
      urgency: 'low',
      due_at: n.dueAt,
      created_at: now,
    }),
  );
  try {
    await transact(ctx, async (trx) => {
      await insertNotice(trx, {
        id,
        user_id: person.userId,
        kind: notice.kind,
        subject: notice.subject,
        text: notice.text,
        url: notice.url ?? null,
        dedup_key: notice.dedupKey ?? null,
        created_at: now,
      });
      await addToOutbox(trx, ctx, rows);
    });
  } catch (err) {
    // The same event reached two listeners at once: the first one sends it.
    const seen = notice.dedupKey && isUniqueViolation(err) ? await findNoticeByDedupKey(ctx.db, notice.dedupKey) : null;
    if (seen) return { id: seen.id, deduplicated: true };
    throw err;
  }
  return { id, deduplicated: false };
}
