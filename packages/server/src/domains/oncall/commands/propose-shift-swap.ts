import { type ProposeSwapInput, roleAtLeast } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { forbidden, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Actor } from '../../../http/access.js';
import { onCallStretches, shiftAt } from '../schedule.engine.js';
import { getSchedule, unknownUsers } from '../schedule.repo.js';
import { loadSchedule, resolveLoaded } from '../schedule.service.js';
import { DAY_MS } from '../zone-time.js';

/**
 * Proposes to swap two on-call stretches: the actor's stretch containing `shiftStart` for the
 * counterpart's stretch containing `counterpartShiftStart`. Nothing changes until accepted.
 */
export async function proposeShiftSwap(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  input: z.output<typeof ProposeSwapInput>,
): Promise<string> {
  if (!roleAtLeast(actor.role, 'responder')) throw forbidden('Viewers may not swap shifts.');
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  if (input.counterpartUserId === actor.userId) throw invalidField('body.counterpartUserId', 'must be someone else');
  if ((await unknownUsers(ctx.db, [input.counterpartUserId])).length > 0) {
    throw invalidField('body.counterpartUserId', `no active person with id "${input.counterpartUserId}"`);
  }
  const mine = await stretchOf(ctx, scheduleId, Date.parse(input.shiftStart), actor.userId, 'body.shiftStart');
  const theirs = await stretchOf(
    ctx,
    scheduleId,
    Date.parse(input.counterpartShiftStart),
    input.counterpartUserId,
    'body.counterpartShiftStart',
  );
  const now = ctx.clock.now();
  if (mine.end <= now || theirs.end <= now) throw invalidField('body.shiftStart', 'both shifts must not be over yet');
  const id = newId();
  await ctx.db
    .insertInto('schedule_swaps')
    .values({
      id,
      schedule_id: scheduleId,
      status: 'proposed',
      proposed_by: actor.userId,
      proposer_shift_start: Math.max(mine.start, now),
      proposer_shift_end: mine.end,
      counterpart_id: input.counterpartUserId,
      counterpart_shift_start: Math.max(theirs.start, now),
      counterpart_shift_end: theirs.end,
      message: input.message,
      created_at: now,
      decided_at: null,
    })
    .execute();
  return id;
}

async function stretchOf(ctx: AppContext, scheduleId: string, at: number, userId: string, field: string) {
  const loaded = await loadSchedule(ctx, scheduleId, at - 35 * DAY_MS, at + 35 * DAY_MS);
  if (!loaded) throw notFound('schedule', scheduleId);
  const stretches = onCallStretches(resolveLoaded(loaded, at - 35 * DAY_MS, at + 35 * DAY_MS).final);
  const stretch = shiftAt(stretches, at);
  if (!stretch || stretch.userId !== userId) throw invalidField(field, 'the person is not on call at that time');
  return stretch;
}
