import type { AppContext } from '../../core/context.js';
import { JOB, type WorkspaceRow } from './chat.model.js';
import { enqueueChatJob } from './outbox.js';
import { findWarRoomByChannel } from './war-rooms.repo.js';

// Events API callbacks. Only the capture reaction in a war room matters; everything else is
// acknowledged and ignored. Slack wants an answer within three seconds, so work that calls Slack
// back (reading the message, its reactions) is queued; Slack's own retries dedupe on the job key.

export type EventEnvelope = {
  type?: string;
  challenge?: string;
  team_id?: string;
  event?: {
    type?: string;
    user?: string;
    reaction?: string;
    item?: { type?: string; channel?: string; ts?: string };
  };
};

export async function runEvent(ctx: AppContext, workspace: WorkspaceRow, envelope: EventEnvelope): Promise<void> {
  const event = envelope.event;
  if (envelope.type !== 'event_callback' || !event) return;
  if (event.type !== 'reaction_added' && event.type !== 'reaction_removed') return;
  const { item, user, reaction } = event;
  if (item?.type !== 'message' || !item.channel || !item.ts || !user) return;
  if (reaction !== workspace.capture_reaction) return;
  if (!(await findWarRoomByChannel(ctx.db, workspace.id, item.channel))) return;
  const ref = { workspaceId: workspace.id, channelId: item.channel, messageTs: item.ts, reactorId: user };
  await enqueueChatJob(ctx.db, ctx, event.type === 'reaction_added' ? JOB.capture : JOB.release, ref);
}
