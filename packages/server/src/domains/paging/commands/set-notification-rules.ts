import { NotificationRulesInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { By } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { requireSelfOrAdmin } from '../paging.policy.js';
import { listContactMethods } from '../people.repo.js';

/**
 * Replaces a person's notification rules, both lists at once. An empty list means the default:
 * every contact method at 0 minutes.
 */
export async function setNotificationRules(
  ctx: AppContext,
  userId: string,
  input: NotificationRulesInput,
  by: By,
): Promise<void> {
  const data = parseInput(NotificationRulesInput, input);
  requireSelfOrAdmin(by, userId, "change a person's notification rules");
  const own = new Set((await listContactMethods(ctx.db, [userId])).map((m) => m.id));
  for (const urgency of ['high', 'low'] as const) {
    for (const [i, rule] of data[urgency].entries()) {
      if (!own.has(rule.contactMethodId)) {
        throw invalidField(`${urgency}.${i}.contactMethodId`, 'is not one of your contact methods');
      }
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notification_rules').where('user_id', '=', userId).execute();
    const rows = (['high', 'low'] as const).flatMap((urgency) =>
      data[urgency].map((rule, position) => ({
        id: newId(),
        user_id: userId,
        urgency,
        position,
        contact_method_id: rule.contactMethodId,
        delay_minutes: rule.delayMinutes,
      })),
    );
    if (rows.length > 0) await trx.insertInto('notification_rules').values(rows).execute();
  });
}
