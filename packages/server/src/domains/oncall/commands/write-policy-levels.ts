import type { EscalationPolicyInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { Executor } from '../../../core/db/database.js';
import { badRequest, type FieldError } from '../../../core/errors.js';
import { defaultLevelName } from '../escalation.service.js';

export type PolicyFields = z.output<typeof EscalationPolicyInput>;

/** Throws 400 naming each target that does not exist. */
export async function assertTargetsExist(ex: Executor, levels: PolicyFields['levels']): Promise<void> {
  const ids = (kind: string) => [
    ...new Set(levels.flatMap((l) => l.targets.filter((t) => t.kind === kind).map((t) => t.id))),
  ];
  const found = async (table: 'users' | 'schedules' | 'teams', list: string[]) =>
    new Set(
      list.length ? (await ex.selectFrom(table).select('id').where('id', 'in', list).execute()).map((r) => r.id) : [],
    );
  const known = {
    user: await found('users', ids('user')),
    schedule: await found('schedules', ids('schedule')),
    team: await found('teams', ids('team')),
  };
  const errors: FieldError[] = [];
  levels.forEach((level, i) => {
    level.targets.forEach((t, j) => {
      if (!known[t.kind].has(t.id))
        errors.push({ field: `body.levels.${i}.targets.${j}.id`, message: `no ${t.kind} with id "${t.id}"` });
    });
  });
  if (errors.length > 0) {
    throw badRequest('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}

/** Replaces a policy's levels in the caller's transaction. */
export async function writePolicyLevels(
  trx: Executor,
  policyId: string,
  levels: PolicyFields['levels'],
): Promise<void> {
  await trx.deleteFrom('escalation_levels').where('policy_id', '=', policyId).execute();
  await trx
    .insertInto('escalation_levels')
    .values(
      levels.map((level, i) => ({
        policy_id: policyId,
        position: i,
        name: level.name || defaultLevelName(i),
        delay_minutes: level.delayMinutes,
        targets: JSON.stringify(level.targets.map((t) => ({ kind: t.kind, id: t.id }))),
      })),
    )
    .execute();
}
