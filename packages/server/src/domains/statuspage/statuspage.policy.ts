import { type Role, roleAtLeast } from '@firebreak/shared';
import { forbidden } from '../../core/errors.js';

/** The person behind a change: a request's actor, or a person the demo acts as. */
export type Editor = { userId: string; name: string; role: Role };

/**
 * Who may do what. Responders run the public side of an incident (publish, update, resolve,
 * reports); admins configure the page (settings, components, maintenance, subscribers).
 */
export const STATUSPAGE_ACTIONS = {
  communicate: 'responder',
  configure: 'admin',
} as const satisfies Record<string, Role>;

export function requireMay(by: Editor, action: keyof typeof STATUSPAGE_ACTIONS, what: string): void {
  const needed = STATUSPAGE_ACTIONS[action];
  if (!roleAtLeast(by.role, needed)) throw forbidden(`Only ${needed}s or higher may ${what}.`);
}
