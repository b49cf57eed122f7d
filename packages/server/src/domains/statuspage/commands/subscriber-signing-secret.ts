import type { AppContext } from '../../../core/context.js';
import { badRequest, notFound } from '../../../core/errors.js';
import { finishSigningKeyRotation, rotateSigningKey, type SigningKeys } from '../../../core/outbound/signing-keys.js';
import { subscriberSigningOwner } from '../delivery/tokens.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { getSubscriberRow } from '../subscribers.repo.js';

// A webhook subscriber's signing secret, rotated like a webhook contact method's: the new secret is
// answered once, the previous one keeps signing beside it for 24 hours or until finished.

async function webhookSubscriber(ctx: AppContext, by: Editor, id: string) {
  requireMay(by, 'configure', 'manage status page subscribers');
  const row = await getSubscriberRow(ctx.db, id);
  if (!row) throw notFound('subscriber', id);
  if (row.kind !== 'webhook') throw badRequest('not_a_webhook', 'Only webhook subscribers sign their requests.');
  return subscriberSigningOwner(ctx.secretKey, row.id);
}

export async function rotateSubscriberSigningSecret(ctx: AppContext, by: Editor, id: string): Promise<SigningKeys> {
  const owner = await webhookSubscriber(ctx, by, id);
  return rotateSigningKey(ctx.db, ctx.secretKey, owner, ctx.clock.now());
}

export async function finishSubscriberSigningSecretRotation(ctx: AppContext, by: Editor, id: string): Promise<void> {
  await finishSigningKeyRotation(ctx.db, await webhookSubscriber(ctx, by, id));
}
