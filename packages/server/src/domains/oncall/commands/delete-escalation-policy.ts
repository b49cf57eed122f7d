import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { getPolicy, listServiceIdsByPolicy } from '../escalation.repo.js';
import { policyChanged } from '../escalation.service.js';
import { assertCanManage } from '../oncall.policy.js';

/** Deletes a policy; refused while services still page through it. */
export async function deleteEscalationPolicy(ctx: AppContext, actor: Actor, policyId: string): Promise<void> {
  const policy = await getPolicy(ctx.db, policyId);
  if (!policy) throw notFound('escalation policy', policyId);
  await assertCanManage(ctx, actor, policy.team_id, 'this escalation policy');
  await ctx.db.transaction().execute(async (trx) => {
    const services = (await listServiceIdsByPolicy(trx, [policyId])).get(policyId) ?? [];
    if (services.length > 0) {
      throw conflict('policy_in_use', 'Services still page through this policy; point them elsewhere first.', {
        serviceIds: services,
      });
    }
    await trx.deleteFrom('escalation_policies').where('id', '=', policyId).execute();
  });
  policyChanged(ctx, policyId);
}
