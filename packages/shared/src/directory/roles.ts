import { z } from 'zod';

/** Organisation-wide roles, from least to most powerful. */
export const ROLES = ['viewer', 'responder', 'admin'] as const;
export const Role = z
  .enum(ROLES)
  .describe('viewer: read only; responder: can act on incidents and pages; admin: everything');
export type Role = z.infer<typeof Role>;

/** True when `role` grants at least what `needed` grants. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The lower of two roles: an API token never grants more than its owner has. */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}
