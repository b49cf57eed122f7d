import { createHmac } from 'node:crypto';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { type SigningKeys, type SigningOwner, signingKeysOf } from '../../core/outbound/signing-keys.js';
import { getContactMethod } from './people.repo.js';

// The secrets a webhook contact method signs with (core/outbound/signing-keys.ts keeps them and
// their rotations). Before its first rotation a method signs with a key derived from the server
// secret and its id, which is what every webhook signed with before secrets could be rotated.

const derivedSecret = (secretKey: string, contactMethodId: string) =>
  `whsec_${createHmac('sha256', secretKey).update(`firebreak-webhook:${contactMethodId}`).digest('hex')}`;

export const signingOwnerOf = (secretKey: string, contactMethodId: string): SigningOwner => ({
  kind: 'contact_method',
  id: contactMethodId,
  derived: derivedSecret(secretKey, contactMethodId),
});

/** The method's signing secrets now (current, and the previous one during a rotation). */
export const webhookSigningKeys = (ctx: AppContext, contactMethodId: string): Promise<SigningKeys> =>
  signingKeysOf(ctx.db, ctx.secretKey, signingOwnerOf(ctx.secretKey, contactMethodId), ctx.clock.now());

/** The person's own contact method; anyone else's answers like one that does not exist. */
export async function ownContactMethod(ctx: AppContext, userId: string, id: string) {
  const method = await getContactMethod(ctx.db, id);
  if (!method || method.user_id !== userId) throw notFound('contact method', id);
  return method;
}
