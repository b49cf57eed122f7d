import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const TARGET_KINDS = ['user', 'schedule', 'team'] as const;

export const EscalationTarget = z.strictObject({
  kind: z.enum(TARGET_KINDS).describe("user: that person; schedule: whoever is on call; team: the team's on-call"),
  id: Id.describe('Id of the user, schedule or team'),
});
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const EscalationLevelInput = z.strictObject({
  name: z.string().trim().max(100).optional().describe('Defaults to "1st level", "2nd level", …'),
  targets: z.array(EscalationTarget).min(1, 'a level needs at least one target').max(50),
  delayMinutes: z.number().int().min(1).max(1440).default(15).describe('Minutes before escalating to the next level'),
});

export const EscalationPolicyInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Policy name, unique'),
  description: z.string().max(2000).default(''),
  teamId: Id.nullable().default(null).describe('Owning team; its managers may edit the policy'),
  repeat: z.number().int().min(0).max(10).default(0).describe('How many times to run all levels again'),
  levels: z.array(EscalationLevelInput).min(1, 'a policy needs at least one level').max(20),
});
export type EscalationPolicyInput = z.input<typeof EscalationPolicyInput>;

export const EscalationLevel = z.object({
  index: z.number().int().describe('0-based'),
  name: z.string(),
  targets: z.array(
    z.object({ kind: z.enum(TARGET_KINDS), id: Id, name: z.string().describe('Display name of the target') }),
  ),
  delayMinutes: z.number().int(),
});

export const EscalationPolicy = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  teamId: Id.nullable(),
  repeat: z.number().int(),
  levels: z.array(EscalationLevel),
  serviceIds: z.array(Id).describe('Services that page through this policy'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const PolicyWarning = z.object({
  code: z.enum(['no_contact_method', 'schedule_gaps', 'team_without_schedule', 'empty_team']),
  level: z.number().int().describe('0-based level index'),
  target: EscalationTarget,
  message: z.string(),
});
export type PolicyWarning = z.infer<typeof PolicyWarning>;

export const EscalationPolicySaved = z.object({
  policy: EscalationPolicy,
  warnings: z.array(PolicyWarning).describe('Problems that do not block saving but may leave a page unanswered'),
});
export type EscalationPolicySaved = z.infer<typeof EscalationPolicySaved>;

export const ServicePolicyInput = z.strictObject({
  policyId: Id.nullable().describe('Escalation policy for the service; null to unset'),
});

export const ServicePolicy = z.object({ serviceId: Id, policyId: Id.nullable() });
