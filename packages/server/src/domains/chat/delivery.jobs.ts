import { formatIncidentNumber } from '@firebreak/shared';
import { type OutboundAnswer, OutboundError, outboundRequest } from '../../core/outbound/request.js';
import type { OutboundRules } from '../../core/outbound/rules.js';
import { getIncidentRow } from '../incidents/incidents.repo.js';
import { getStatusUpdateRow } from '../incidents/records.repo.js';
import { JOB } from './chat.model.js';
import { chatJob, HttpRetryAfter, PermanentChatError } from './outbox.js';
import { SLACK_TIMEOUT_MS, slackClient } from './slack.client.js';
import { announcementMessage } from './war-room.presenter.js';
import { getWorkspaceRow } from './workspaces.repo.js';

// Simple deliveries: one Web API call, one webhook POST, one announcement.

export type CallPayload = { workspaceId: string; method: string; args: Record<string, unknown> };

const runCall = chatJob<CallPayload>(async (job, ctx) => {
  const workspace = await getWorkspaceRow(ctx.db, job.payload.workspaceId);
  if (!workspace?.bot_token) throw new PermanentChatError('the workspace was disconnected');
  await slackClient(ctx, workspace).apiCall(job.payload.method, job.payload.args);
});

export type WebhookPayload = { url: string; body: Record<string, unknown> };

/**
 * POSTs JSON to a Slack-compatible incoming webhook (Slack, Mattermost) or a response_url,
 * through the outbound rules (core/outbound): an address they refuse is permanent.
 * 429/503 with Retry-After wait as asked; other 5xx and network errors retry with backoff;
 * other 4xx are permanent.
 */
export async function postJson(url: string, body: unknown, now: number, rules: OutboundRules): Promise<void> {
  let response: OutboundAnswer;
  try {
    response = await outboundRequest(
      rules,
      url,
      { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { timeoutMs: SLACK_TIMEOUT_MS },
    );
  } catch (err) {
    if (err instanceof OutboundError && err.kind === 'refused') throw new PermanentChatError(err.message);
    throw err;
  }
  if (response.status >= 200 && response.status < 300) return;
  const retryAfter = response.headers['retry-after'];
  if ((response.status === 429 || response.status === 503) && retryAfter) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(retryAfter) - now);
    throw new HttpRetryAfter(Math.max(1000, wait || 1000));
  }
  if (response.status === 408 || response.status >= 500 || response.status === 429) {
    throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
  }
  throw new PermanentChatError(`HTTP ${response.status} from ${new URL(url).host}`);
}

const runWebhook = chatJob<WebhookPayload>(async (job, ctx) => {
  await postJson(job.payload.url, job.payload.body, ctx.clock.now(), ctx.config.outbound);
});

export type AnnouncePayload = { workspaceId: string; updateId: string };

/** Stakeholder updates of non-private incidents, to the announcements channel or webhook. */
const runAnnounce = chatJob<AnnouncePayload>(async (job, ctx) => {
  const workspace = await getWorkspaceRow(ctx.db, job.payload.workspaceId);
  const target = workspace?.announcements_channel;
  if (!workspace || !target) return;
  const update = await getStatusUpdateRow(ctx.db, job.payload.updateId);
  const incident = update ? await getIncidentRow(ctx.db, update.incident_id) : undefined;
  // Announcements channels are broad: a private incident never appears there.
  if (!update || !incident || incident.private === 1) return;
  const facts = {
    number: formatIncidentNumber(incident.number),
    title: incident.title,
    id: incident.id,
    status: incident.status,
  };
  if (/^https?:\/\//.test(target)) {
    const { text } = announcementMessage(facts, update, ctx.config.orgTimeZone, false);
    await postJson(target, { text, username: 'Firebreak' }, ctx.clock.now(), ctx.config.outbound);
    return;
  }
  if (!workspace.bot_token) return;
  const message = announcementMessage(facts, update, ctx.config.orgTimeZone, true);
  await slackClient(ctx, workspace).chat.postMessage({ channel: target, ...message } as never);
});

export const deliveryJobs = {
  [JOB.call]: runCall,
  [JOB.webhook]: runWebhook,
  [JOB.announce]: runAnnounce,
};
