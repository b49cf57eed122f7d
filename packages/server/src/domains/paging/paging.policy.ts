import { roleAtLeast } from '@firebreak/shared';
import { forbidden } from '../../core/errors.js';
import type { By } from '../directory/index.js';
import type { LinkAction } from './paging.model.js';

// Who may act on pages. Responders and admins answer pages through the API and CLI; a signed link
// acts as the person it was sent to (the signature is the authorisation); the system (other
// domains' automation) may do anything.

export type LinkHolder = { userId: string; via: 'link'; linkId: string; action: LinkAction };
export type PageBy = By | LinkHolder;

export const actorIdOf = (by: PageBy): string | null => (by === 'system' ? null : by.userId);

export function requireResponder(by: PageBy, action: string): void {
  if (by === 'system' || by.via === 'link') return;
  if (!roleAtLeast(by.role, 'responder')) throw forbidden(`Only responders or admins may ${action}.`);
}

/** Notification rules, working hours and test notifications: the person themselves, or an admin. */
export function requireSelfOrAdmin(by: By, userId: string, action: string): void {
  if (by === 'system' || by.userId === userId || by.role === 'admin') return;
  throw forbidden(`Only the person themselves or an admin may ${action}.`);
}
