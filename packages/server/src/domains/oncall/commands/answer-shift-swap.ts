import type { AppContext } from '../../../core/context.js';
import { conflict, forbidden, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { getSwap } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';
import { insertOverride } from './insert-override.js';

export type SwapAnswer = 'accept' | 'decline' | 'cancel';

/**
 * The counterpart accepts or declines a proposed swap; the proposer may cancel it. Accepting
 * writes two overrides (each covers the other's stretch), linked to the swap as its record.
 */
export async function answerShiftSwap(
  ctx: AppContext,
  actor: Actor,
  scheduleId: string,
  swapId: string,
  answer: SwapAnswer,
): Promise<void> {
  const swap = await getSwap(ctx.db, scheduleId, swapId);
  if (!swap) throw notFound('swap', swapId);
  if (swap.status !== 'proposed') throw conflict('swap_decided', `The swap was already ${swap.status}.`);
  const allowed = answer === 'cancel' ? swap.proposed_by : swap.counterpart_id;
  if (actor.userId !== allowed) {
    throw forbidden(
      answer === 'cancel' ? 'Only the proposer may cancel a swap.' : 'Only the person asked may answer a swap.',
    );
  }
  const now = ctx.clock.now();
  if (answer === 'accept' && Math.min(swap.proposer_shift_end, swap.counterpart_shift_end) <= now) {
    throw conflict('swap_expired', 'One of the two shifts is already over; propose a new swap.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const status = answer === 'accept' ? 'accepted' : answer === 'decline' ? 'declined' : 'cancelled';
    const updated = await trx
      .updateTable('schedule_swaps')
      .set({ status, decided_at: now })
      .where('id', '=', swapId)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('swap_decided', 'The swap was answered meanwhile.');
    if (answer !== 'accept') return;
    const common = { scheduleId, kind: 'swap' as const, reason: swap.message, swapId, createdBy: actor.userId };
    await insertOverride(trx, ctx, {
      ...common,
      userId: swap.counterpart_id,
      replacedUserId: swap.proposed_by,
      start: Math.max(swap.proposer_shift_start, now),
      end: swap.proposer_shift_end,
    });
    await insertOverride(trx, ctx, {
      ...common,
      userId: swap.proposed_by,
      replacedUserId: swap.counterpart_id,
      start: Math.max(swap.counterpart_shift_start, now),
      end: swap.counterpart_shift_end,
    });
  });
  if (answer === 'accept') scheduleChanged(ctx, scheduleId);
}
