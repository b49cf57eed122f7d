import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import { assertParticipantsExist, type LayerFields, layerRow } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { getSchedule, touchSchedule } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/** Adds a layer on top of the schedule's existing layers (it wins where it has someone). */
export async function addScheduleLayer(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  input: LayerFields,
): Promise<string> {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  await assertCanManage(ctx, actor, schedule.team_id, 'this schedule');
  await assertParticipantsExist(ctx.db, [{ field: 'body', participants: input.participants }]);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const top = await trx
      .selectFrom('schedule_layers')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('schedule_id', '=', scheduleId)
      .executeTakeFirst();
    const position = top?.max == null ? 0 : Number(top.max) + 1;
    const row = layerRow(scheduleId, position, input, now);
    await trx.insertInto('schedule_layers').values(row).execute();
    await touchSchedule(trx, scheduleId, now);
    await planNextHandoffNotice(trx, ctx, scheduleId, now);
    return row.id;
  });
  scheduleChanged(ctx, scheduleId);
  return id;
}
