import type { UpdateScheduleLayerInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import { assertParticipantsExist } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { getLayer, getSchedule, touchSchedule } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/** Changes some fields of a layer; `position` moves it up or down among the schedule's layers. */
export async function updateScheduleLayer(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  layerId: string,
  input: z.output<typeof UpdateScheduleLayerInput>,
): Promise<void> {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  await assertCanManage(ctx, actor, schedule.team_id, 'this schedule');
  const layer = await getLayer(ctx.db, scheduleId, layerId);
  if (!layer) throw notFound('layer', layerId);
  if (input.participants) await assertParticipantsExist(ctx.db, [{ field: 'body', participants: input.participants }]);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('schedule_layers')
      .set({
        name: input.name ?? layer.name,
        participants: input.participants ? JSON.stringify(input.participants) : layer.participants,
        rotation_unit: input.rotation?.unit ?? layer.rotation_unit,
        rotation_every: input.rotation?.every ?? layer.rotation_every,
        handoff_time: input.handoffTime ?? layer.handoff_time,
        time_zone: input.timeZone ?? layer.time_zone,
        start_date: input.startDate ?? layer.start_date,
        restrictions: input.restrictions ? JSON.stringify(input.restrictions) : layer.restrictions,
        updated_at: now,
      })
      .where('id', '=', layerId)
      .execute();
    if (input.position !== undefined && input.position !== layer.position) {
      await reposition(trx, scheduleId, layerId, input.position);
    }
    await touchSchedule(trx, scheduleId, now);
    await planNextHandoffNotice(trx, ctx, scheduleId, now);
  });
  scheduleChanged(ctx, scheduleId);
}

/** Renumbers the schedule's layers 0..n-1 with `layerId` at `position` (clamped). */
async function reposition(
  trx: import('../../../core/db/database.js').Executor,
  scheduleId: string,
  layerId: string,
  position: number,
) {
  const ids = (
    await trx
      .selectFrom('schedule_layers')
      .select('id')
      .where('schedule_id', '=', scheduleId)
      .orderBy('position')
      .execute()
  )
    .map((r) => r.id)
    .filter((id) => id !== layerId);
  ids.splice(Math.min(position, ids.length), 0, layerId);
  for (const [i, id] of ids.entries()) {
    await trx.updateTable('schedule_layers').set({ position: i }).where('id', '=', id).execute();
  }
}
