import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { planNextHandoffNotice } from '../handoff.jobs.js';
import type { OverrideKind } from '../oncall.model.js';
import { listOverrides, type OverrideRow, touchSchedule } from '../schedule.repo.js';

export type NewOverride = {
  scheduleId: string;
  kind: OverrideKind;
  userId: string;
  replacedUserId: string | null;
  start: number;
  end: number;
  reason: string;
  swapId: string | null;
  createdBy: string | null;
};

/**
 * Writes an override inside the caller's transaction and returns it with the older active overrides
 * it now wins over: those overlapping it in time that cover the same person, or anyone.
 * Shared by the override, take-over and swap commands.
 */
export async function insertOverride(
  trx: Executor,
  ctx: AppContext,
  input: NewOverride,
): Promise<{ override: OverrideRow; replaced: OverrideRow[] }> {
  const now = ctx.clock.now();
  const overlapping = await listOverrides(trx, [input.scheduleId], input.start, input.end);
  const replaced = overlapping.filter(
    (o) =>
      o.replaced_user_id === null ||
      input.replacedUserId === null ||
      o.replaced_user_id === input.replacedUserId ||
      o.user_id === input.replacedUserId,
  );
  const override: OverrideRow = {
    id: newId(),
    schedule_id: input.scheduleId,
    kind: input.kind,
    user_id: input.userId,
    replaced_user_id: input.replacedUserId,
    start_at: input.start,
    end_at: input.end,
    reason: input.reason,
    swap_id: input.swapId,
    created_by: input.createdBy,
    created_at: now,
    cancelled_at: null,
    cancelled_by: null,
  };
  await trx.insertInto('schedule_overrides').values(override).execute();
  await touchSchedule(trx, input.scheduleId, now);
  await planNextHandoffNotice(trx, ctx, input.scheduleId, now);
  return { override, replaced };
}
