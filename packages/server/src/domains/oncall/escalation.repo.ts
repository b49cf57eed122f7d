import type { Executor } from '../../core/db/database.js';
import './oncall.model.js';
import type { EscalationLevelsTable, EscalationPoliciesTable, TargetKind } from './oncall.model.js';

// Queries only.

export type PolicyRow = EscalationPoliciesTable;
export type LevelRow = EscalationLevelsTable;
export type Target = { kind: TargetKind; id: string };
export type Level = { index: number; name: string; delayMinutes: number; targets: Target[] };

export function getPolicy(ex: Executor, id: string): Promise<PolicyRow | undefined> {
  return ex.selectFrom('escalation_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getPolicyByName(ex: Executor, name: string): Promise<PolicyRow | undefined> {
  return ex.selectFrom('escalation_policies').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listPolicies(ex: Executor, options: { teamId?: string; after?: string; limit: number }) {
  let q = ex.selectFrom('escalation_policies').selectAll().orderBy('name').limit(options.limit);
  if (options.teamId) q = q.where('team_id', '=', options.teamId);
  if (options.after) q = q.where('name', '>', options.after);
  return q.execute();
}

export async function listLevels(ex: Executor, policyIds: string[]): Promise<Map<string, Level[]>> {
  const out = new Map<string, Level[]>(policyIds.map((id) => [id, []]));
  if (policyIds.length === 0) return out;
  const rows = await ex
    .selectFrom('escalation_levels')
    .selectAll()
    .where('policy_id', 'in', policyIds)
    .orderBy('policy_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    out.get(row.policy_id)?.push({
      index: row.position,
      name: row.name,
      delayMinutes: row.delay_minutes,
      targets: JSON.parse(row.targets) as Target[],
    });
  }
  return out;
}

export async function listServiceIdsByPolicy(ex: Executor, policyIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(policyIds.map((id) => [id, []]));
  if (policyIds.length === 0) return out;
  const rows = await ex
    .selectFrom('service_escalation_policies')
    .select(['service_id', 'policy_id'])
    .where('policy_id', 'in', policyIds)
    .orderBy('service_id')
    .execute();
  for (const row of rows) out.get(row.policy_id)?.push(row.service_id);
  return out;
}

/** The policy of a service with its version, or undefined when none is set. */
export function getServicePolicy(ex: Executor, serviceId: string) {
  return ex
    .selectFrom('service_escalation_policies as sep')
    .innerJoin('escalation_policies as ep', 'ep.id', 'sep.policy_id')
    .select(['ep.id as id', 'ep.version as version'])
    .where('sep.service_id', '=', serviceId)
    .executeTakeFirst();
}

/** Policies whose levels name a target (used to refuse deleting a schedule still paged through). */
export async function policiesTargeting(ex: Executor, target: Target): Promise<string[]> {
  const rows = await ex
    .selectFrom('escalation_levels')
    .select(['policy_id', 'targets'])
    .where('targets', 'like', `%${target.id}%`)
    .execute();
  return [
    ...new Set(
      rows
        .filter((r) => (JSON.parse(r.targets) as Target[]).some((t) => t.kind === target.kind && t.id === target.id))
        .map((r) => r.policy_id),
    ),
  ];
}

export async function touchPolicy(ex: Executor, id: string, now: number): Promise<void> {
  await ex
    .updateTable('escalation_policies')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}
