import type { Channel } from './channel.js';

// In-app: the notification row itself is what the web UI lists (GET /api/v1/me/inbox), so
// "sending" only marks it delivered.

export const inAppChannel: Channel = {
  kind: 'in_app',
  async send() {
    return {};
  },
};
