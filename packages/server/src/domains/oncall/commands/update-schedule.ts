import type { UpdateScheduleInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { assertTeamExists, teamExists } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { getSchedule, getScheduleByName } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/** Renames, re-describes, moves to another team or changes the display zone of a schedule. */
export async function updateSchedule(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  input: z.output<typeof UpdateScheduleInput>,
): Promise<void> {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  await assertCanManage(ctx, actor, schedule.team_id, 'this schedule');
  if (input.teamId !== undefined && input.teamId !== schedule.team_id) {
    await assertCanManage(ctx, actor, input.teamId, 'schedules of the new team');
    if (input.teamId) assertTeamExists(await teamExists(ctx.db, input.teamId), 'body.teamId', input.teamId);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (input.name && input.name !== schedule.name && (await getScheduleByName(trx, input.name))) {
      throw conflict('schedule_name_taken', `A schedule named "${input.name}" already exists.`);
    }
    await trx
      .updateTable('schedules')
      .set((eb) => ({
        name: input.name ?? schedule.name,
        description: input.description ?? schedule.description,
        team_id: input.teamId === undefined ? schedule.team_id : input.teamId,
        time_zone: input.timeZone ?? schedule.time_zone,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('id', '=', scheduleId)
      .execute();
  });
  scheduleChanged(ctx, scheduleId);
}
