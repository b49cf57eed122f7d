import { type Role, roleAtLeast, type TokenScope } from '@firebreak/shared';
import { forbidden } from '../../core/errors.js';
import type { Actor } from '../../http/access.js';

/**
 * Who performs a change: a person (through a session or token), or the system itself
 * (start-up bootstrap, the local `firebreak` CLI), which is trusted like an admin.
 */
export type By = Actor | 'system';
export const SYSTEM = 'system' as const;

export const hasRole = (by: By, role: Role): boolean => by === SYSTEM || roleAtLeast(by.role, role);
export const isSelf = (by: By, userId: string): boolean => by !== SYSTEM && by.userId === userId;

export function requireRole(by: By, role: Role, action: string): void {
  if (!hasRole(by, role)) throw forbidden(`Only ${role === 'admin' ? 'admins' : `${role}s or higher`} may ${action}.`);
}

/** People manage their own profile, contact methods and tokens; admins manage everyone's. */
export function requireSelfOrAdmin(by: By, userId: string, action: string): void {
  if (!isSelf(by, userId) && !hasRole(by, 'admin')) {
    throw forbidden(`Only the person themselves or an admin may ${action}.`);
  }
}

/** Team managers (with at least the responder role) edit their team and its members; admins edit any team. */
export function requireTeamManager(by: By, membershipRole: string | undefined, action: string): void {
  if (hasRole(by, 'admin')) return;
  if (membershipRole === 'manager' && hasRole(by, 'responder')) return;
  throw forbidden(`Only an admin or a manager of this team may ${action}.`);
}

/** What a token's scope grants at most; its owner's role caps it further. */
export const SCOPE_ROLE: Record<TokenScope, Role> = { read: 'viewer', write: 'responder', admin: 'admin' };
