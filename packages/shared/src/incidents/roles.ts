import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

/** Roles every incident has. Single-holder roles are handed over; investigators are many. */
export const BUILT_IN_INCIDENT_ROLES = [
  {
    key: 'commander',
    name: 'Commander',
    multiple: false,
    description: 'Owns the incident: decides, assigns roles, keeps the rhythm',
  },
  {
    key: 'communications_lead',
    name: 'Communications lead',
    multiple: false,
    description: 'Keeps stakeholders and customers informed; the commander holds it until it is handed over',
  },
  {
    key: 'resolution_lead',
    name: 'Resolution lead',
    multiple: false,
    description: 'Coordinates the technical work to restore service',
  },
  { key: 'deputy', name: 'Deputy', multiple: false, description: 'Backs up the commander and takes over when needed' },
  { key: 'scribe', name: 'Scribe', multiple: false, description: 'Keeps the timeline complete' },
  { key: 'investigator', name: 'Investigator', multiple: true, description: 'Works on diagnosis and repair' },
] as const;

export type BuiltInIncidentRole = (typeof BUILT_IN_INCIDENT_ROLES)[number]['key'];
export const isBuiltInRole = (key: string): key is BuiltInIncidentRole =>
  BUILT_IN_INCIDENT_ROLES.some((r) => r.key === key);

export const RoleKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and underscores, starting with a letter')
  .describe('Role key: commander, communications_lead, resolution_lead, deputy, scribe, investigator or a custom role');

/** A role incidents may use: built in, or defined by an admin. */
export const IncidentRoleType = z.object({
  key: z.string().describe('Role key'),
  name: z.string().describe('Display name'),
  description: z.string().describe('What the person in this role does'),
  multiple: z.boolean().describe('Several people may hold it at once'),
  builtIn: z.boolean().describe('Built-in roles cannot be deleted'),
});
export type IncidentRoleType = z.infer<typeof IncidentRoleType>;

export const CreateIncidentRoleTypeInput = z.strictObject({
  key: RoleKey,
  name: z.string().trim().min(1).max(60).describe('Display name'),
  description: z.string().trim().max(500).default('').describe('What the person in this role does'),
  multiple: z.boolean().default(false).describe('Several people may hold it at once'),
});
export type CreateIncidentRoleTypeInput = z.input<typeof CreateIncidentRoleTypeInput>;

export const PersonRef = z.object({ id: Id, name: z.string().describe('Full name') });
export type PersonRef = z.infer<typeof PersonRef>;

/** Someone holding a role on an incident. */
export const RoleAssignment = z.object({
  role: z.string().describe('Role key'),
  person: PersonRef,
  assignedAt: IsoTime,
  assignedBy: PersonRef.nullable().describe('Who assigned it; null when the system did'),
  implicit: z.boolean().describe('True for the communications lead held by the commander because nobody else holds it'),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const AssignRoleInput = z.strictObject({
  role: RoleKey,
  userId: Id.describe('The person to assign; for single-holder roles the current holder hands over to them'),
});
export type AssignRoleInput = z.input<typeof AssignRoleInput>;
