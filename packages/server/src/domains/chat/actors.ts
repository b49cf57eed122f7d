import type { AppContext } from '../../core/context.js';
import type { Actor } from '../../http/access.js';
import type { Viewer } from '../incidents/incidents.policy.js';
import { findLinkedPerson } from './links.repo.js';

// A chat user acts as their linked Firebreak account, with that account's role and visibility:
// chat grants nothing the web would not.

export type LinkedPerson = { viewer: Viewer; actor: Actor };

export async function linkedPerson(
  ctx: AppContext,
  workspaceId: string,
  chatUserId: string,
): Promise<LinkedPerson | null> {
  const person = await findLinkedPerson(ctx.db, workspaceId, chatUserId);
  if (!person) return null;
  const viewer: Viewer = { userId: person.userId, name: person.name, role: person.role };
  return {
    viewer,
    actor: { ...viewer, via: 'token', credentialId: `chat:${workspaceId}:${chatUserId}` },
  };
}

export const NOT_LINKED =
  'Your chat account is not linked to Firebreak yet, so I cannot act for you. Run `/inc link`, open the link it gives you while signed in to Firebreak, and confirm. Then try again.';
