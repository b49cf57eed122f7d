import type { WebClient } from '@slack/web-api';
import { toIso } from '../../../core/clock.js';
import type { AppContext } from '../../../core/context.js';
import { addNote } from '../../incidents/commands/timeline.js';
import { linkedPerson, NOT_LINKED } from '../actors.js';
import { JOB, type WorkspaceRow } from '../chat.model.js';
import { findLinkedPerson } from '../links.repo.js';
import { enqueueChatJob } from '../outbox.js';
import { slackClient } from '../slack.client.js';
import {
  claimCapture,
  deleteCapture,
  findWarRoomByChannel,
  getCapture,
  reclaimCapture,
  updateCapture,
} from '../war-rooms.repo.js';
import { getWorkspaceRow } from '../workspaces.repo.js';

// Timeline capture: a war-room message marked with the capture reaction becomes a timeline note,
// written as the person who reacted (they vouch for it; their role and visibility apply), naming
// the message's author, with happened_at = the message's own time. Only marked messages are
// copied, never a channel's history.

export type CapturePayload = { workspaceId: string; channelId: string; messageTs: string; reactorId: string };

/** Slack's `ts` ("1531420618.000200") as epoch milliseconds. */
export function tsToMs(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1000 + Math.floor(Number(`0.${fraction || '0'}`) * 1000);
}

export type SlackMessage = {
  ts?: string;
  text?: string;
  user?: string;
  username?: string;
  bot_id?: string;
  reactions?: { name?: string; count?: number }[];
};

async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<SlackMessage | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
  const found = (history.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts);
  if (found) return found;
  // A reply in a thread is not in the channel's history.
  const replies = await client.conversations.replies({ channel, ts, limit: 1 });
  return (replies.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts);
}

async function authorName(ctx: AppContext, client: WebClient, workspace: WorkspaceRow, message: SlackMessage) {
  if (!message.user) return message.username ?? 'A bot';
  const linked = await findLinkedPerson(ctx.db, workspace.id, message.user);
  if (linked) return linked.name;
  const info = await client.users.info({ user: message.user });
  const user = info.user as { real_name?: string; name?: string; profile?: { display_name?: string } } | undefined;
  return user?.real_name || user?.profile?.display_name || user?.name || message.user;
}

/** Whether the capture reaction is still on the message (Slack lists each emoji once, with its users). */
export const carriesReaction = (message: SlackMessage | undefined, reaction: string) =>
  message?.reactions?.some((r) => r.name === reaction && (r.count ?? 0) > 0) ?? false;

export async function captureMessage(ctx: AppContext, p: CapturePayload): Promise<void> {
  const workspace = await getWorkspaceRow(ctx.db, p.workspaceId);
  const room = workspace ? await findWarRoomByChannel(ctx.db, workspace.id, p.channelId) : undefined;
  if (!workspace?.bot_token || !room) return;
  const key = { workspace_id: workspace.id, channel_id: p.channelId, message_ts: p.messageTs };
  const existing = await getCapture(ctx.db, workspace.id, p.channelId, p.messageTs);
  // Captured (or being captured) already: Slack's retries and a second person's reaction add nothing.
  if (existing && existing.removed_at === null) return;
  const person = await linkedPerson(ctx, workspace.id, p.reactorId);
  if (!person) {
    await enqueueChatJob(ctx.db, ctx, JOB.call, {
      workspaceId: workspace.id,
      method: 'chat.postEphemeral',
      args: { channel: p.channelId, user: p.reactorId, text: NOT_LINKED },
    });
    return;
  }
  const client = slackClient(ctx, workspace);
  const message = await fetchMessage(client, p.channelId, p.messageTs);
  // Removed again before this job ran (or while it waited for a retry): there is nothing to capture.
  if (!message?.text || !carriesReaction(message, workspace.capture_reaction)) return;
  const author = await authorName(ctx, client, workspace, message);
  const claim = {
    incident_id: room.incident_id,
    entry_id: null,
    author_chat_id: message.user ?? null,
    captured_by_chat_id: p.reactorId,
    captured_at: ctx.clock.now(),
    removed_at: null,
  };
  // Reacting again after a release captures anew: the retracted entry stays retracted, for the record.
  const claimed = existing
    ? await reclaimCapture(ctx.db, key, claim)
    : await claimCapture(ctx.db, { ...key, ...claim });
  if (!claimed) return;
  try {
    const entry = await addNote(ctx, person.viewer, room.incident_id, {
      text: `${author} (chat): ${message.text}`.slice(0, 10_000),
      happenedAt: toIso(tsToMs(p.messageTs)),
    });
    await updateCapture(ctx.db, key, { entry_id: entry.id });
  } catch (err) {
    if (existing) await updateCapture(ctx.db, key, existing);
    else await deleteCapture(ctx.db, key);
    throw err;
  }
}
