import type { Channel } from './channel.js';
import { providerFrom } from './twilio.provider.js';

// SMS: short, with the acknowledge link first (the one people need at 3 a.m.).

const SMS_LIMIT = 600;

export const smsChannel: Channel = {
  kind: 'sms',
  async send(delivery, deps) {
    const { message } = delivery;
    const body = [
      message.subject,
      message.links ? `Ack: ${message.links.acknowledge}` : null,
      message.links ? `Resolve: ${message.links.resolve}` : null,
    ]
      .filter(Boolean)
      .join('\n')
      .slice(0, SMS_LIMIT);
    return providerFrom(deps.config).sendSms(delivery.address, body, {
      ...deps,
      idempotencyKey: delivery.notificationId,
    });
  },
};
