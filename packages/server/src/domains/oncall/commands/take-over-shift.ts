import { roleAtLeast } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, forbidden, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { getSchedule, type OverrideRow } from '../schedule.repo.js';
import { onCallAt, scheduleChanged } from '../schedule.service.js';
import { insertOverride } from './insert-override.js';

/**
 * "Take over now": the actor covers the rest of the current on-call stretch of whoever is on call.
 */
export async function takeOverShift(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  reason: string,
): Promise<{ override: OverrideRow; replaced: OverrideRow[] }> {
  if (!roleAtLeast(actor.role, 'responder')) throw forbidden('Viewers may not take over shifts.');
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  const now = ctx.clock.now();
  const [current] = await onCallAt(ctx, [scheduleId], now);
  const stretch = current?.stretch;
  if (!stretch) throw conflict('nobody_on_call', 'Nobody is on call right now; add an override for the gap instead.');
  if (stretch.userId === actor.userId) throw conflict('already_on_call', 'You are already on call.');
  const result = await ctx.db.transaction().execute((trx) =>
    insertOverride(trx, ctx, {
      scheduleId,
      kind: 'take_over',
      userId: actor.userId,
      replacedUserId: stretch.userId,
      start: now,
      end: stretch.end,
      reason,
      swapId: null,
      createdBy: actor.userId,
    }),
  );
  scheduleChanged(ctx, scheduleId);
  return result;
}
