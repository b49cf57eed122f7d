import type { CreateOverrideInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { invalidField, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { MAX_RANGE_MS } from '../oncall.model.js';
import { assertCanOverride } from '../oncall.policy.js';
import { getSchedule, type OverrideRow, unknownUsers } from '../schedule.repo.js';
import { scheduleChanged } from '../schedule.service.js';
import { insertOverride } from './insert-override.js';

/**
 * One person covers a range: for a named person (`replacedUserId`) or for whoever is on call.
 * Where it overlaps older overrides it wins; the answer lists them.
 */
export async function createOverride(
  ctx: AppContext,
  actor: Actor | null,
  scheduleId: string,
  input: z.output<typeof CreateOverrideInput>,
): Promise<{ override: OverrideRow; replaced: OverrideRow[] }> {
  const schedule = await getSchedule(ctx.db, scheduleId);
  if (!schedule) throw notFound('schedule', scheduleId);
  const start = Date.parse(input.start);
  const end = Date.parse(input.end);
  if (end <= start) throw invalidField('body.end', 'must be after start');
  if (end - start > MAX_RANGE_MS) throw invalidField('body.end', 'an override may last at most one year');
  if (input.userId === input.replacedUserId) throw invalidField('body.replacedUserId', 'must differ from userId');
  if (actor) await assertCanOverride(ctx, actor, schedule.team_id, input);
  const missing = await unknownUsers(ctx.db, [input.userId]);
  if (missing.length > 0) throw invalidField('body.userId', `no active person with id "${input.userId}"`);
  if (input.replacedUserId) {
    const exists = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.replacedUserId)
      .executeTakeFirst();
    if (!exists) throw invalidField('body.replacedUserId', `no person with id "${input.replacedUserId}"`);
  }
  const result = await ctx.db.transaction().execute((trx) =>
    insertOverride(trx, ctx, {
      scheduleId,
      kind: 'override',
      userId: input.userId,
      replacedUserId: input.replacedUserId,
      start,
      end,
      reason: input.reason,
      swapId: null,
      createdBy: actor?.userId ?? null,
    }),
  );
  scheduleChanged(ctx, scheduleId);
  return result;
}
