import type { CreateScheduleInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Actor } from '../../../http/access.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import { assertParticipantsExist, assertTeamExists, layerRow, teamExists } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { getScheduleByName } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';

/**
 * Creates a schedule, optionally with its layers (lowest first), and starts its handoff notices.
 *
 * @example
 * const id = await createSchedule(ctx, actor, CreateScheduleInput.parse({ name: 'Payments primary' }));
 */
export async function createSchedule(
  ctx: AppContext,
  actor: Actor | null,
  input: z.output<typeof CreateScheduleInput>,
): Promise<string> {
  if (actor) await assertCanManage(ctx, actor, input.teamId, 'schedules of this team');
  if (input.teamId) assertTeamExists(await teamExists(ctx.db, input.teamId), 'body.teamId', input.teamId);
  await assertParticipantsExist(
    ctx.db,
    input.layers.map((l, i) => ({ field: `body.layers.${i}`, participants: l.participants })),
  );
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await getScheduleByName(trx, input.name)) {
      throw conflict('schedule_name_taken', `A schedule named "${input.name}" already exists.`);
    }
    await trx
      .insertInto('schedules')
      .values({
        id,
        name: input.name,
        description: input.description,
        team_id: input.teamId,
        time_zone: input.timeZone,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.layers.length > 0) {
      await trx
        .insertInto('schedule_layers')
        .values(input.layers.map((layer, i) => layerRow(id, i, layer, now)))
        .execute();
    }
    await planNextHandoffNotice(trx, ctx, id, now);
  });
  scheduleChanged(ctx, id);
  return id;
}
