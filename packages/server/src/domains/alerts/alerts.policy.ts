import { type Role, roleAtLeast } from '@firebreak/shared';
import { forbidden } from '../../core/errors.js';
import type { By } from '../directory/index.js';

// Who may do what with alerts. Viewers read; responders work alerts (acknowledge, resolve, give
// feedback, promote) and manage integrations and maintenance windows; deleting an integration
// (which deletes its alert history) is for admins. The system (jobs, other domains) may do anything.

export function requireRole(by: By, role: Role, action: string): void {
  if (by === 'system' || roleAtLeast(by.role, role)) return;
  throw forbidden(`Only ${role === 'admin' ? 'admins' : `${role}s or higher`} may ${action}.`);
}

export const userIdOf = (by: By): string | null => (by === 'system' ? null : by.userId);
