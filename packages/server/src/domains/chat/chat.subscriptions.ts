import type { AppContext } from '../../core/context.js';
import { registerChannel } from '../paging/channels/index.js';
import { JOB } from './chat.model.js';
import { enqueueChatJob } from './outbox.js';
import { createSlackChannel } from './slack.channel.js';
import { getWarRoom } from './war-rooms.repo.js';
import { primarySlackWorkspace } from './workspaces.repo.js';

// Reactions to the incidents domain's events. Each only queues a job, so chat never slows or
// fails an incident command. Events come after commit, so a crash in between can miss one; a
// change to an active incident without a war room therefore opens it too (this also covers
// triage reports once accepted, and incidents declared before Slack was connected).

export function subscribeChat(ctx: AppContext): void {
  registerChannel('slack', createSlackChannel(ctx));
  ctx.events.on('incident.declared', async ({ incidentId }) => {
    if (!(await primarySlackWorkspace(ctx.db))) return;
    await enqueueChatJob(ctx.db, ctx, JOB.openWarRoom, { incidentId });
  });
  ctx.events.on('incident.changed', async ({ incidentId }) => {
    if (await getWarRoom(ctx.db, incidentId)) {
      await enqueueChatJob(ctx.db, ctx, JOB.syncWarRoom, { incidentId });
    } else if (await primarySlackWorkspace(ctx.db)) {
      await enqueueChatJob(ctx.db, ctx, JOB.openWarRoom, { incidentId });
    }
  });
}
