import type { PolicyWarning } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Actor } from '../../../http/access.js';
import { getPolicyByName } from '../escalation.repo.js';
import { policyChanged, policyWarnings } from '../escalation.service.js';
import { assertTeamExists, teamExists } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { assertTargetsExist, type PolicyFields, writePolicyLevels } from './write-policy-levels.js';

/** Creates an escalation policy; answers its id and warnings (unreachable people, schedule gaps). */
export async function createEscalationPolicy(
  ctx: AppContext,
  actor: Actor | null,
  input: PolicyFields,
): Promise<{ id: string; warnings: PolicyWarning[] }> {
  if (actor) await assertCanManage(ctx, actor, input.teamId, 'escalation policies of this team');
  if (input.teamId) assertTeamExists(await teamExists(ctx.db, input.teamId), 'body.teamId', input.teamId);
  await assertTargetsExist(ctx.db, input.levels);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await getPolicyByName(trx, input.name)) {
      throw conflict('policy_name_taken', `An escalation policy named "${input.name}" already exists.`);
    }
    await trx
      .insertInto('escalation_policies')
      .values({
        id,
        name: input.name,
        description: input.description,
        team_id: input.teamId,
        repeat_count: input.repeat,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writePolicyLevels(trx, id, input.levels);
  });
  policyChanged(ctx, id);
  return { id, warnings: await policyWarnings(ctx, input.levels) };
}
