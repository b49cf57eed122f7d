import type { AppContext } from '../../../core/context.js';
import { finishSigningKeyRotation } from '../../../core/outbound/signing-keys.js';
import type { Actor } from '../../../http/access.js';
import { ownContactMethod, signingOwnerOf } from '../webhook-signing.js';

/** Stops the previous signing secret now, once the receiver verifies with the new one. Harmless when no rotation runs. */
export async function finishSigningSecretRotation(ctx: AppContext, by: Actor, contactMethodId: string): Promise<void> {
  const method = await ownContactMethod(ctx, by.userId, contactMethodId);
  await finishSigningKeyRotation(ctx.db, signingOwnerOf(ctx.secretKey, method.id));
}
