import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { policiesTargeting } from '../escalation.repo.js';
import { assertCanManage } from '../oncall.policy.js';
import { getSchedule } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/** Deletes a schedule with its layers, overrides and swaps; refused while a policy pages through it. */
export async function deleteSchedule(ctx: AppContext, actor: Actor, scheduleId: string): Promise<void> {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  await assertCanManage(ctx, actor, schedule.team_id, 'this schedule');
  await ctx.db.transaction().execute(async (trx) => {
    const policies = await policiesTargeting(trx, { kind: 'schedule', id: scheduleId });
    if (policies.length > 0) {
      throw conflict(
        'schedule_in_use',
        `Escalation policies still page through this schedule; remove it from them first.`,
        { policyIds: policies },
      );
    }
    await trx
      .deleteFrom('oncall_calendar_feeds')
      .where('subject_kind', '=', 'schedule')
      .where('subject_id', '=', scheduleId)
      .execute();
    await trx.deleteFrom('schedules').where('id', '=', scheduleId).execute();
  });
  scheduleChanged(ctx, scheduleId);
}
