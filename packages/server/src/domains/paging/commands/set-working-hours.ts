import { WorkingHours } from '@firebreak/shared';
import { isTimeZone } from '../../../core/config.js';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { requireSelfOrAdmin } from '../paging.policy.js';

/** Sets when a person works; low-urgency pages outside these hours wait for the next start. */
export async function setWorkingHours(ctx: AppContext, userId: string, input: WorkingHours, by: By): Promise<void> {
  const data = parseInput(WorkingHours, input);
  requireSelfOrAdmin(by, userId, "change a person's working hours");
  if (data.timeZone !== null && !isTimeZone(data.timeZone)) {
    throw invalidField('timeZone', 'must be an IANA time zone name such as Europe/Berlin');
  }
  if (data.start === data.end) throw invalidField('end', 'must differ from start');
  const row = {
    user_id: userId,
    days: JSON.stringify([...new Set(data.days)].sort()),
    start_time: data.start,
    end_time: data.end,
    time_zone: data.timeZone,
    updated_at: ctx.clock.now(),
  };
  await ctx.db
    .insertInto('working_hours')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...row }))
    .execute();
}
