import type { DomainModule } from '../domain.js';
import { captureJobs } from './capture.jobs.js';
import { chatRoutes } from './chat.routes.js';
import { subscribeChat } from './chat.subscriptions.js';
import { deliveryJobs } from './delivery.jobs.js';
import { inboundRoutes } from './inbound.routes.js';
import { warRoomJobs } from './war-room.jobs.js';

import './chat.model.js';

/** Slack (and Mattermost) for incidents: `/inc`, war rooms, announcements, timeline capture, pages by DM. See README.md. */
export const chatModule: DomainModule = {
  name: 'chat',
  routes: (app, ctx) => chatRoutes(app, ctx),
  rootRoutes: (app, ctx) => inboundRoutes(app, ctx),
  jobs: { ...deliveryJobs, ...warRoomJobs, ...captureJobs },
  subscribe: subscribeChat,
};

export { createSlackChannel } from './slack.channel.js';
