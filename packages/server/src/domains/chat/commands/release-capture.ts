import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../../core/context.js';
import { retractTimelineEntry } from '../../incidents/commands/retract-timeline-entry.js';
import { linkedPerson } from '../actors.js';
import { slackClient } from '../slack.client.js';
import { getCapture, updateCapture } from '../war-rooms.repo.js';
import { getWorkspaceRow } from '../workspaces.repo.js';
import { type CapturePayload, carriesReaction, type SlackMessage } from './capture-message.js';

// Removing the capture reaction retracts the captured entry, but only once nobody's capture
// reaction is left: Slack sends `reaction_removed` per person, so one of two people un-pinning
// keeps it. Whether any is left is asked of Slack (reactions.get) when the job runs, not counted
// from events here: Slack is the one record of which reactions a message carries, while events can
// be lost (Slack gives up after three retries) or arrive out of order, and a count would drift for
// good. Asking when the job runs also folds a quick remove-and-re-add into nothing.

async function stillMarked(client: WebClient, channel: string, ts: string, reaction: string): Promise<boolean> {
  const answer = await client.reactions.get({ channel, timestamp: ts, full: true });
  return carriesReaction(answer.message as SlackMessage | undefined, reaction);
}

export async function releaseCapture(ctx: AppContext, p: CapturePayload): Promise<void> {
  const capture = await getCapture(ctx.db, p.workspaceId, p.channelId, p.messageTs);
  if (!capture || capture.removed_at !== null) return;
  // The capture job is still writing the entry: try again later (the scheduler backs off) rather
  // than leave a capture standing whose reaction is gone.
  if (!capture.entry_id) throw new Error('capture in progress; release retried later');
  const workspace = await getWorkspaceRow(ctx.db, p.workspaceId);
  if (!workspace?.bot_token) return;
  if (await stillMarked(slackClient(ctx, workspace), p.channelId, p.messageTs, workspace.capture_reaction)) return;
  // Written as the person who captured it (their reaction is gone too); the system when they are
  // no longer linked.
  const capturer = await linkedPerson(ctx, workspace.id, capture.captured_by_chat_id);
  await retractTimelineEntry(ctx, capturer?.viewer ?? null, capture.incident_id, capture.entry_id, {
    reason: `:${workspace.capture_reaction}: removed in chat`,
  });
  await updateCapture(
    ctx.db,
    { workspace_id: p.workspaceId, channel_id: p.channelId, message_ts: p.messageTs },
    { removed_at: ctx.clock.now() },
  );
}
