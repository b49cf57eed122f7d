import type { AppContext } from '../../../core/context.js';
import { hashSecret, newId, newSecret } from '../../../core/ids.js';

/**
 * Creates the secret token of a schedule's or a person's iCalendar feed, replacing (revoking) the
 * previous one. Only the hash is stored; the token is returned once.
 */
export async function createCalendarFeed(
  ctx: AppContext,
  createdBy: string | null,
  subject: { kind: 'schedule' | 'user'; id: string },
): Promise<string> {
  const token = newSecret('fbcal');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('oncall_calendar_feeds')
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .execute();
    await trx
      .insertInto('oncall_calendar_feeds')
      .values({
        id: newId(),
        subject_kind: subject.kind,
        subject_id: subject.id,
        token_hash: hashSecret(token),
        created_by: createdBy,
        created_at: ctx.clock.now(),
      })
      .execute();
  });
  return token;
}
