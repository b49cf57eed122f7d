import type { AppContext } from '../../../core/context.js';
import { badRequest } from '../../../core/errors.js';
import { rotateSigningKey, type SigningKeys } from '../../../core/outbound/signing-keys.js';
import type { Actor } from '../../../http/access.js';
import { ownContactMethod, signingOwnerOf } from '../webhook-signing.js';

/**
 * Gives a webhook contact method a new random signing secret, answered here once. The previous
 * secret keeps signing beside it for 24 hours (or until the rotation is finished), so the receiver
 * can switch without missing a page. Only the method's owner may, like reading the secret.
 */
export async function rotateSigningSecret(ctx: AppContext, by: Actor, contactMethodId: string): Promise<SigningKeys> {
  const method = await ownContactMethod(ctx, by.userId, contactMethodId);
  if (method.kind !== 'webhook') {
    throw badRequest('not_a_webhook', `Only webhook contact methods sign their requests; this one is ${method.kind}.`);
  }
  return rotateSigningKey(ctx.db, ctx.secretKey, signingOwnerOf(ctx.secretKey, method.id), ctx.clock.now());
}
