import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { getServiceById, getTeamById, listTeamMemberIds } from '../../directory/index.js';
import { listPolicies } from '../../oncall/escalation.repo.js';
import { getPolicyWithLevels, policyIdOfService } from '../../oncall/index.js';

// Who a page goes to: an escalation policy (a service's, a team's, or one named), or people directly.

export type Assignment = {
  policyId: string | null;
  userIds: string[];
  serviceId: string | null;
  teamId: string | null;
};

export type AssignmentInput = {
  serviceId?: string | undefined;
  policyId?: string | undefined;
  userIds?: string[] | undefined;
  teamId?: string | undefined;
};

export async function resolveAssignment(ctx: AppContext, input: AssignmentInput): Promise<Assignment> {
  if (input.serviceId) {
    const service = await getServiceById(ctx, input.serviceId);
    if (!service) throw invalidField('serviceId', `no service with id "${input.serviceId}"`);
    const policyId = await policyIdOfService(ctx, service.id);
    if (!policyId) {
      throw invalidField(
        'serviceId',
        `the service "${service.name}" has no escalation policy; set one, or page people directly`,
      );
    }
    return { policyId, userIds: [], serviceId: service.id, teamId: service.teamId };
  }
  if (input.policyId) {
    if (!(await getPolicyWithLevels(ctx, input.policyId))) {
      throw invalidField('policyId', `no escalation policy with id "${input.policyId}"`);
    }
    return { policyId: input.policyId, userIds: [], serviceId: null, teamId: null };
  }
  if (input.teamId) {
    const team = await getTeamById(ctx, input.teamId);
    if (!team) throw invalidField('teamId', `no team with id "${input.teamId}"`);
    // A team's own escalation policy reaches whoever is on call; without one, every member is paged.
    const [policy] = await listPolicies(ctx.db, { teamId: team.id, limit: 1 });
    if (policy) return { policyId: policy.id, userIds: [], serviceId: null, teamId: team.id };
    const members = await listTeamMemberIds(ctx, team.id);
    if (members.length === 0)
      throw invalidField('teamId', `the team "${team.name}" has no members and no escalation policy`);
    return { policyId: null, userIds: members, serviceId: null, teamId: team.id };
  }
  const userIds = [...new Set(input.userIds ?? [])];
  if (userIds.length === 0) throw invalidField('userIds', 'name at least one person');
  const found = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('deactivated_at', 'is', null)
    .execute();
  const missing = userIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0)
    throw invalidField('userIds', `no active person with id ${missing.map((m) => `"${m}"`).join(', ')}`);
  return { policyId: null, userIds, serviceId: null, teamId: null };
}
