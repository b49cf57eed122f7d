import type { AppContext } from '../../../core/context.js';
import { invalidField, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../http/access.js';
import { getPolicy } from '../escalation.repo.js';
import { policyChanged } from '../escalation.service.js';
import { assertCanManage } from '../oncall.policy.js';

/** Points a service at an escalation policy (or at none). One policy per service. */
export async function setServiceEscalationPolicy(
  ctx: AppContext,
  actor: Actor | null,
  serviceId: string,
  policyId: string | null,
): Promise<void> {
  const service = await ctx.db
    .selectFrom('services')
    .select(['id', 'team_id'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!service) throw notFound('service', serviceId);
  if (actor) await assertCanManage(ctx, actor, service.team_id, "this service's escalation policy");
  if (policyId !== null && !(await getPolicy(ctx.db, policyId))) {
    throw invalidField('body.policyId', `no escalation policy with id "${policyId}"`);
  }
  const previous = await ctx.db
    .selectFrom('service_escalation_policies')
    .select('policy_id')
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('service_escalation_policies').where('service_id', '=', serviceId).execute();
    if (policyId !== null) {
      await trx
        .insertInto('service_escalation_policies')
        .values({ service_id: serviceId, policy_id: policyId, updated_at: now })
        .execute();
    }
  });
  const touched = policyId ?? previous?.policy_id;
  if (touched) policyChanged(ctx, touched);
}
