import { createHmac } from 'node:crypto';
import { webhookSigningSecret } from '../links.js';
import type { Channel } from './channel.js';
import { send } from './http.js';

// A generic webhook: a JSON body, signed like Stripe's: header
// `Firebreak-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the contact
// method's signing secret. `Idempotency-Key` is the notification id, the same on every retry.
// README.md shows a receiver verifying it.

/** The signature header value for a body sent at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
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
    const secret = webhookSigningSecret(deps.secretKey, delivery.contactMethodId ?? delivery.notificationId);
    const answer = await send(
      delivery.address,
      {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Firebreak',
          'idempotency-key': delivery.notificationId,
          'firebreak-signature': signatureHeader(secret, Math.floor(deps.now / 1000), body),
        },
        body,
      },
      deps,
    );
    return { httpStatus: answer.status };
  },
};
