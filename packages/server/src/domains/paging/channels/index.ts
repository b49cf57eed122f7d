import type { ChannelKind } from '@firebreak/shared';
import type { Channel } from './channel.js';
import { emailChannel } from './email.channel.js';
import { inAppChannel } from './in-app.channel.js';
import { ntfyChannel } from './ntfy.channel.js';
import { slackChannel } from './slack.channel.js';
import { smsChannel } from './sms.channel.js';
import { voiceChannel } from './voice.channel.js';
import { webhookChannel } from './webhook.channel.js';

/** Every channel, by kind. */
export const channels: Record<ChannelKind, Channel> = {
  email: emailChannel,
  sms: smsChannel,
  voice: voiceChannel,
  webhook: webhookChannel,
  slack: slackChannel,
  ntfy: ntfyChannel,
  in_app: inAppChannel,
};

/**
 * Lets another domain supply a richer channel for a kind (chat sends Slack pages as DMs with
 * buttons when a workspace is connected). Called once at start-up from that domain's `subscribe`.
 */
export function registerChannel(kind: ChannelKind, channel: Channel): void {
  channels[kind] = channel;
}

export { type Channel, type ChannelDeps, type Delivery, DeliveryError, type Message } from './channel.js';
