import type { PolicyWarning } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { getPolicy, getPolicyByName } from '../escalation.repo.js';
import { policyChanged, policyWarnings } from '../escalation.service.js';
import { assertTeamExists, teamExists } from '../layer.input.js';
import { assertCanManage } from '../oncall.policy.js';
import { assertTargetsExist, type PolicyFields, writePolicyLevels } from './write-policy-levels.js';

/** Replaces a policy's fields and levels; answers the warnings of the new version. */
export async function updateEscalationPolicy(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  input: PolicyFields,
): Promise<{ warnings: PolicyWarning[] }> {
  const policy = await getPolicy(ctx.db, policyId);
  if (!policy) throw notFound('escalation policy', policyId);
  await assertCanManage(ctx, actor, policy.team_id, 'this escalation policy');
  if (input.teamId !== policy.team_id) {
    await assertCanManage(ctx, actor, input.teamId, 'escalation policies of the new team');
    if (input.teamId) assertTeamExists(await teamExists(ctx.db, input.teamId), 'body.teamId', input.teamId);
  }
  await assertTargetsExist(ctx.db, input.levels);
  await ctx.db.transaction().execute(async (trx) => {
    if (input.name !== policy.name && (await getPolicyByName(trx, input.name))) {
      throw conflict('policy_name_taken', `An escalation policy named "${input.name}" already exists.`);
    }
    await trx
      .updateTable('escalation_policies')
      .set((eb) => ({
        name: input.name,
        description: input.description,
        team_id: input.teamId,
        repeat_count: input.repeat,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('id', '=', policyId)
      .execute();
    await writePolicyLevels(trx, policyId, input.levels);
  });
  policyChanged(ctx, policyId);
  return { warnings: await policyWarnings(ctx, input.levels) };
}
