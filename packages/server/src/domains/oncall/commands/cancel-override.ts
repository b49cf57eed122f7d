import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import { assertCanOverride } from '../oncall.policy.js';
import { getOverride, getSchedule, touchSchedule } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/** Cancels an override; the row stays as a record of what was planned. */
export async function cancelOverride(ctx: AppContext, actor: Actor, scheduleId: string, overrideId: string) {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  const override = await getOverride(ctx.db, scheduleId, overrideId);
  if (!override) throw notFound('override', overrideId);
  if (override.cancelled_at !== null) throw conflict('override_cancelled', 'The override was already cancelled.');
  await assertCanOverride(ctx, actor, schedule.team_id, {
    userId: override.user_id,
    replacedUserId: override.replaced_user_id,
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('schedule_overrides')
      .set({ cancelled_at: now, cancelled_by: actor.userId })
      .where('id', '=', overrideId)
      .execute();
    await touchSchedule(trx, scheduleId, now);
    await planNextHandoffNotice(trx, ctx, scheduleId, now);
  });
  scheduleChanged(ctx, scheduleId);
}
