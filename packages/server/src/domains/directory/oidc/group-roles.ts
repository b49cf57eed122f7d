import { type Role, roleAtLeast } from '@firebreak/shared';
import type { OidcConfig } from '../../../core/config.js';

/**
 * The role a person's groups grant: the highest of every matching rule, where `*` matches anyone
 * the identity provider signed in. Null when nothing matches: that person may not sign in.
 *
 * @example
 * roleForGroups(['sre'], [{ group: 'sre-admins', role: 'admin' }, { group: 'sre', role: 'responder' }]) // 'responder'
 */
export function roleForGroups(groups: readonly string[], rules: OidcConfig['groupRoles']): Role | null {
  let best: Role | null = null;
  for (const rule of rules) {
    if (rule.group !== '*' && !groups.includes(rule.group)) continue;
    if (best === null || !roleAtLeast(best, rule.role)) best = rule.role;
  }
  return best;
}

/** Groups as IdPs send them: an array of names, or one string (some send a space- or comma-separated list). */
export function groupsFrom(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}
