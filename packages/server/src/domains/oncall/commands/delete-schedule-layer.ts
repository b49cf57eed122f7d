import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import { assertCanManage } from '../oncall.policy.js';
import { getLayer, getSchedule, touchSchedule } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

export async function deleteScheduleLayer(ctx: AppContext, actor: Actor, scheduleId: string, layerId: string) {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  await assertCanManage(ctx, actor, schedule.team_id, 'this schedule');
  if (!(await getLayer(ctx.db, scheduleId, layerId))) throw notFound('layer', layerId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('schedule_layers').where('id', '=', layerId).execute();
    await touchSchedule(trx, scheduleId, now);
    await planNextHandoffNotice(trx, ctx, scheduleId, now);
  });
  scheduleChanged(ctx, scheduleId);
}
