import type { Channel } from './channel.js';
import { providerFrom } from './twilio.provider.js';

// Voice: the provider reads the summary aloud twice; acknowledging happens through another channel.

export const voiceChannel: Channel = {
  kind: 'voice',
  async send(delivery, deps) {
    const { message } = delivery;
    const speech =
      message.kind === 'test'
        ? 'This is a test call from Firebreak. Your phone number works.'
        : message.kind === 'notice'
          ? `Firebreak notice. ${message.subject}.`
          : `Firebreak ${message.urgency} urgency page. ${message.page?.summary ?? message.subject}. Acknowledge in Firebreak or with the link we sent you.`;
    return providerFrom(deps.config).call(delivery.address, speech, {
      ...deps,
      idempotencyKey: delivery.notificationId,
    });
  },
};
