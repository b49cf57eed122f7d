import { isActive } from '@firebreak/shared';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../core/context.js';
import { getIncidentRow } from '../incidents/incidents.repo.js';
import { personNames } from '../incidents/lookups.js';
import { getStatusUpdateRow } from '../incidents/records.repo.js';
import { JOB, type WarRoomRow, type WorkspaceRow } from './chat.model.js';
import { incidentFacts, participantIds, relayEntries } from './incident-reads.js';
import { chatIdsOf } from './links.repo.js';
import { chatJob, enqueueChatJob } from './outbox.js';
import { slackClient, slackError } from './slack.client.js';
import { relayMessage, summaryMessage, topicOf } from './war-room.presenter.js';
import { getWarRoom, insertWarRoom, lockWarRoom, updateWarRoom } from './war-rooms.repo.js';
import { getWorkspaceRow, primarySlackWorkspace } from './workspaces.repo.js';

// The war room of an incident. Opening it and keeping it current are jobs that re-read the
// incident each time and record each step they finished on the war-room row, so a run that was
// interrupted (Slack down, rate limited, process killed) picks up where it stopped, and a sync
// after an outage brings the topic and the pinned summary to the latest state in one go.

export type IncidentPayload = { incidentId: string };

/** Entries posted per run; a longer backlog continues in a follow-up job. */
const RELAY_BATCH = 50;

const runOpen = chatJob<IncidentPayload>(async (job, ctx) => {
  const workspace = await primarySlackWorkspace(ctx.db);
  const incident = await getIncidentRow(ctx.db, job.payload.incidentId);
  if (!workspace || !incident?.channel_name) return;
  // Only incidents being worked on get a room; one that exists already is simply synced.
  if (!isActive(incident.status) && !(await getWarRoom(ctx.db, incident.id))) return;
  const now = ctx.clock.now();
  await insertWarRoom(ctx.db, {
    incident_id: incident.id,
    workspace_id: workspace.id,
    channel_id: null,
    channel_name: incident.channel_name,
    topic: null,
    summary_ts: null,
    summary_text: null,
    summary_pinned: 0,
    invited: '[]',
    relay_recorded_at: 0,
    relay_entry_id: '',
    sync_lock_until: null,
    created_at: now,
    updated_at: now,
  });
  const room = (await getWarRoom(ctx.db, incident.id))!;
  const roomWorkspace =
    room.workspace_id === workspace.id ? workspace : await getWorkspaceRow(ctx.db, room.workspace_id);
  if (!roomWorkspace?.bot_token) return;
  const client = slackClient(ctx, roomWorkspace);
  if (!room.channel_id) {
    const isPrivate = incident.private === 1;
    let name = room.channel_name;
    let created: { channel?: { id?: string; name?: string } };
    try {
      created = await client.conversations.create({ name, is_private: isPrivate });
    } catch (err) {
      // Someone made a channel of that name by hand: the incident number keeps ours apart.
      if (slackError(err) !== 'name_taken') throw err;
      name = `${name.slice(0, 70)}-inc${incident.number}`;
      created = await client.conversations.create({ name, is_private: isPrivate });
    }
    const channelId = created.channel?.id;
    if (!channelId) throw new Error('conversations.create answered without a channel id');
    await updateWarRoom(ctx.db, incident.id, {
      channel_id: channelId,
      channel_name: created.channel?.name ?? name,
      updated_at: ctx.clock.now(),
    });
  }
  await syncLocked(ctx, incident.id);
});

const runSync = chatJob<IncidentPayload>(async (job, ctx) => {
  await syncLocked(ctx, job.payload.incidentId);
});

const LOCK_MS = 60_000;
const BUSY_RETRY_MS = 2_000;

/** One sync per room at a time, across processes; a sync that finds the room busy runs again shortly. */
async function syncLocked(ctx: AppContext, incidentId: string): Promise<void> {
  const now = ctx.clock.now();
  if (!(await lockWarRoom(ctx.db, incidentId, now, now + LOCK_MS))) {
    if (await getWarRoom(ctx.db, incidentId)) {
      await enqueueChatJob(ctx.db, ctx, JOB.syncWarRoom, { incidentId }, { runAt: now + BUSY_RETRY_MS });
    }
    return;
  }
  try {
    await syncWarRoom(ctx, incidentId);
  } finally {
    await updateWarRoom(ctx.db, incidentId, { sync_lock_until: null });
  }
}

/** Topic, invitations, pinned summary, then new timeline entries; each step skipped when already current. */
async function syncWarRoom(ctx: AppContext, incidentId: string): Promise<void> {
  const room = await getWarRoom(ctx.db, incidentId);
  if (!room?.channel_id) return; // not open yet: opening ends with a sync
  const workspace = await getWorkspaceRow(ctx.db, room.workspace_id);
  const facts = await incidentFacts(ctx, incidentId);
  if (!workspace?.bot_token || !facts) return;
  const client = slackClient(ctx, workspace);
  const channel = room.channel_id;

  const topic = topicOf(facts);
  if (topic !== room.topic) {
    await client.conversations.setTopic({ channel, topic });
    await updateWarRoom(ctx.db, incidentId, { topic, updated_at: ctx.clock.now() });
  }

  await inviteParticipants(ctx, client, workspace, room);

  const summary = summaryMessage(facts, ctx.config.orgTimeZone);
  const summaryJson = JSON.stringify(summary);
  let summaryTs = room.summary_ts;
  let sent = room.summary_text;
  if (!summaryTs) {
    const posted = await client.chat.postMessage({ channel, ...summary } as never);
    summaryTs = String(posted.ts);
    sent = summaryJson;
    // Saved before pinning: a failed pin is retried without posting the summary twice.
    await updateWarRoom(ctx.db, incidentId, { summary_ts: summaryTs, summary_text: sent, updated_at: ctx.clock.now() });
  }
  if (!room.summary_pinned) {
    try {
      await client.pins.add({ channel, timestamp: summaryTs });
    } catch (err) {
      if (slackError(err) !== 'already_pinned') throw err;
    }
    await updateWarRoom(ctx.db, incidentId, { summary_pinned: 1, updated_at: ctx.clock.now() });
  }
  if (sent !== summaryJson) {
    await client.chat.update({ channel, ts: summaryTs, ...summary } as never);
    await updateWarRoom(ctx.db, incidentId, { summary_text: summaryJson, updated_at: ctx.clock.now() });
  }

  await relayTimeline(ctx, client, workspace, room);
}

async function inviteParticipants(ctx: AppContext, client: WebClient, workspace: WorkspaceRow, room: WarRoomRow) {
  const invited = new Set(JSON.parse(room.invited) as string[]);
  const wanted = await chatIdsOf(ctx.db, workspace.id, await participantIds(ctx.db, room.incident_id));
  for (const user of wanted.filter((id) => !invited.has(id))) {
    try {
      await client.conversations.invite({ channel: room.channel_id!, users: user });
    } catch (err) {
      // Already there, or gone from the workspace: either way there is nothing more to do for them.
      if (
        !['already_in_channel', 'user_not_found', 'cant_invite_self', 'user_is_deactivated'].includes(
          slackError(err) ?? '',
        )
      ) {
        throw err;
      }
    }
    invited.add(user);
    await updateWarRoom(ctx.db, room.incident_id, {
      invited: JSON.stringify([...invited]),
      updated_at: ctx.clock.now(),
    });
  }
}

/**
 * Posts role, severity and status changes, decisions and status updates written since the last
 * run, advancing the cursor after each, so a retry never posts one twice (short of a crash between
 * the post and the cursor write). Stakeholder updates are queued for the announcements channel
 * in the same transaction as the cursor.
 */
async function relayTimeline(ctx: AppContext, client: WebClient, workspace: WorkspaceRow, room: WarRoomRow) {
  const entries = await relayEntries(
    ctx.db,
    room.incident_id,
    { recordedAt: room.relay_recorded_at, entryId: room.relay_entry_id },
    RELAY_BATCH,
  );
  const names = await personNames(
    ctx.db,
    entries.map((e) => e.actor_id),
  );
  for (const entry of entries) {
    const updateId =
      entry.kind === 'status_update' ? (JSON.parse(entry.data) as { updateId?: string }).updateId : undefined;
    const update = updateId ? await getStatusUpdateRow(ctx.db, updateId) : undefined;
    const actor = entry.actor_id ? (names.get(entry.actor_id)?.name ?? null) : null;
    await client.chat.postMessage({
      channel: room.channel_id!,
      ...relayMessage(entry, actor, update, ctx.config.orgTimeZone),
    } as never);
    await ctx.db.transaction().execute(async (trx) => {
      await updateWarRoom(trx, room.incident_id, {
        relay_recorded_at: entry.recorded_at,
        relay_entry_id: entry.id,
        updated_at: ctx.clock.now(),
      });
      if (update?.audience === 'stakeholders' && workspace.announcements_channel) {
        await enqueueChatJob(trx, ctx, JOB.announce, { workspaceId: workspace.id, updateId: update.id });
      }
    });
  }
  if (entries.length === RELAY_BATCH)
    await enqueueChatJob(ctx.db, ctx, JOB.syncWarRoom, { incidentId: room.incident_id });
}

export const warRoomJobs = { [JOB.openWarRoom]: runOpen, [JOB.syncWarRoom]: runSync };
