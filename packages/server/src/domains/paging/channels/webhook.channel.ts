import { signatureHeader } from '../../../core/outbound/signing-keys.js';
import { signingOwnerOf } from '../webhook-signing.js';
import { type Channel, type ChannelDeps, type Delivery, permanent } from './channel.js';
import { send } from './http.js';

// A generic webhook: a JSON body, signed like Stripe's: header
// `Firebreak-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the contact
// method's signing secret, and a second `v1` with the previous secret while a rotation is under
// way. `Idempotency-Key` is the notification id, the same on every retry. README.md shows a
// receiver verifying it.

async function secretsOf(delivery: Delivery, deps: ChannelDeps): Promise<string[]> {
  // A method deleted since the notification was planned has no secrets left; its derived key still signs.
  if (!delivery.contactMethodId) return [signingOwnerOf(deps.secretKey, delivery.notificationId).derived];
  try {
    return await deps.signingSecrets(delivery.contactMethodId);
  } catch (err) {
    throw permanent((err as Error).message);
  }
}

export const webhookChannel: Channel = {
  kind: 'webhook',
  async send(delivery, deps) {
    const { message } = delivery;
    const body = JSON.stringify({
      type: `${message.kind}.notification`,
      notificationId: delivery.notificationId,
      urgency: message.urgency,
      subject: message.subject,
      text: message.text,
      page: message.page,
      recipient: message.recipient,
      links: message.links,
    });
    const secrets = await secretsOf(delivery, deps);
    const answer = await send(
      delivery.address,
      {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Firebreak',
          'idempotency-key': delivery.notificationId,
          'firebreak-signature': signatureHeader(secrets, Math.floor(deps.now / 1000), body),
        },
        body,
      },
      { ...deps, rules: deps.config.outbound },
    );
    return { httpStatus: answer.status };
  },
};
