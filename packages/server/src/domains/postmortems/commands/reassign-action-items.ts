import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { invalidField } from '../../../core/errors.js';
import { requirePerson } from '../../incidents/commands/inputs.js';
import { openItemsOwnedBy, setActionItemOwner } from '../action-items.repo.js';

// For the directory: before a person is deactivated, their unfinished action items need a new
// owner, or they would silently stop being anyone's job.

/**
 * True when the person owns action items that are not finished (open, in progress or blocked).
 *
 * @example
 * if (await userOwnsOpenActionItems(trx, userId)) throw conflict('owns_action_items', '…');
 */
export async function userOwnsOpenActionItems(ex: Executor, userId: string): Promise<boolean> {
  return (await openItemsOwnedBy(ex, userId)).length > 0;
}

/**
 * Hands every unfinished action item of `fromUserId` to `toUserId` (an active person), in one
 * transaction; finished items keep their owner as history. Emits `action_items.reassigned`.
 * Returns the ids of the items moved.
 */
export async function reassignActionItems(ctx: AppContext, fromUserId: string, toUserId: string): Promise<string[]> {
  if (fromUserId === toUserId) throw invalidField('toUserId', 'must be someone else');
  const moved = await ctx.db.transaction().execute(async (trx) => {
    await requirePerson(trx, toUserId, 'toUserId');
    const rows = await openItemsOwnedBy(trx, fromUserId);
    const now = ctx.clock.now();
    for (const row of rows) await setActionItemOwner(trx, row, toUserId, now);
    return rows.map((r) => r.id);
  });
  if (moved.length) ctx.events.emit('action_items.reassigned', { fromUserId, toUserId, actionItemIds: moved });
  return moved;
}
