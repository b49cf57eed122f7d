import { type ChatWorkspace, ConnectChatWorkspaceInput, UpdateChatWorkspaceInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { conflict, invalidField, notFound, unavailable } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { decryptSecret, encryptSecret } from '../../../core/secrets.js';
import { type By, requireRole } from '../../directory/directory.policy.js';
import type { ChatWorkspacesTable } from '../chat.model.js';
import { presentWorkspace } from '../chat.presenter.js';
import { slackError, webClient } from '../slack.client.js';
import {
  deleteWorkspaceRow,
  findWorkspaceByTeam,
  getWorkspaceRow,
  insertWorkspaceRow,
  updateWorkspaceRow,
} from '../workspaces.repo.js';

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalidField(issue.path.join('.') || 'body', issue.message);
  }
  return result.data;
}

/**
 * Asks Slack whose bot token this is (auth.test), so a wrong token or API URL shows while an admin
 * is connecting, not when the next incident tries to open its war room. The one Slack call made
 * inside a request: an admin is waiting for exactly this answer, and no incident depends on it.
 */
async function slackTeamOf(apiUrl: string, botToken: string): Promise<{ id: string; name: string }> {
  try {
    const answer = await webClient(botToken, apiUrl).auth.test();
    return { id: answer.team_id ?? '', name: answer.team ?? '' };
  } catch (err) {
    const code = slackError(err);
    if (code) throw invalidField('botToken', `Slack refused this bot token (${code})`);
    throw unavailable(
      `Slack could not be reached at ${apiUrl} (${(err as Error).message}). Check the API URL and try again.`,
    );
  }
}

/**
 * Connects a workspace. Slack needs a signing secret (inbound) and a bot token (outbound);
 * Mattermost needs a verification token. Secrets are stored encrypted and never returned.
 */
export async function connectWorkspace(
  ctx: AppContext,
  by: By,
  input: ConnectChatWorkspaceInput,
): Promise<ChatWorkspace> {
  requireRole(by, 'admin', 'connect chat workspaces');
  const data = parse(ConnectChatWorkspaceInput, input);
  if (data.provider === 'slack' && !data.signingSecret && !data.verificationToken) {
    throw invalidField('signingSecret', 'a Slack workspace needs the app’s signing secret to verify requests');
  }
  if (data.provider === 'mattermost' && !data.verificationToken) {
    throw invalidField('verificationToken', 'a Mattermost integration needs the slash command’s token');
  }
  const team = data.provider === 'slack' && data.botToken ? await slackTeamOf(data.apiUrl, data.botToken) : null;
  if (team && data.teamId && data.teamId !== team.id) {
    throw invalidField('teamId', `the bot token belongs to the Slack team ${team.id} (${team.name})`);
  }
  const teamId = data.teamId ?? team?.id;
  if (!teamId) throw invalidField('teamId', 'give the team id (or, for Slack, a bot token to read it from)');
  if (await findWorkspaceByTeam(ctx.db, data.provider, teamId)) {
    throw conflict(
      'workspace_connected',
      `The ${data.provider} team ${teamId} is connected already; update it instead.`,
    );
  }
  const now = ctx.clock.now();
  const seal = (v: string | undefined) => (v ? encryptSecret(ctx.secretKey, v) : null);
  const row: ChatWorkspacesTable = {
    id: newId(),
    provider: data.provider,
    team_id: teamId,
    name: data.name ?? (team?.name || 'Chat'),
    bot_token: seal(data.botToken),
    signing_secret: seal(data.signingSecret),
    verification_token: seal(data.verificationToken),
    api_url: data.apiUrl,
    announcements_channel: data.announcementsChannel,
    capture_reaction: data.captureReaction,
    created_at: now,
    updated_at: now,
  };
  await insertWorkspaceRow(ctx.db, row);
  return presentWorkspace(row);
}

export async function updateWorkspace(
  ctx: AppContext,
  by: By,
  id: string,
  input: UpdateChatWorkspaceInput,
): Promise<ChatWorkspace> {
  requireRole(by, 'admin', 'change chat workspaces');
  const data = parse(UpdateChatWorkspaceInput, input);
  const row = await getWorkspaceRow(ctx.db, id);
  if (!row) throw notFound('chat workspace', id);
  const botToken = data.botToken ?? (row.bot_token ? decryptSecret(ctx.secretKey, row.bot_token) : undefined);
  if (row.provider === 'slack' && botToken && (data.botToken !== undefined || data.apiUrl !== undefined)) {
    const team = await slackTeamOf(data.apiUrl ?? row.api_url, botToken);
    if (team.id !== row.team_id) {
      throw invalidField('botToken', `this bot token belongs to the Slack team ${team.id}, not ${row.team_id}`);
    }
  }
  const changes: Partial<ChatWorkspacesTable> = { updated_at: ctx.clock.now() };
  if (data.name !== undefined) changes.name = data.name;
  if (data.botToken !== undefined) changes.bot_token = encryptSecret(ctx.secretKey, data.botToken);
  if (data.signingSecret !== undefined) changes.signing_secret = encryptSecret(ctx.secretKey, data.signingSecret);
  if (data.verificationToken !== undefined) {
    changes.verification_token = encryptSecret(ctx.secretKey, data.verificationToken);
  }
  if (data.apiUrl !== undefined) changes.api_url = data.apiUrl;
  if (data.announcementsChannel !== undefined) changes.announcements_channel = data.announcementsChannel;
  if (data.captureReaction !== undefined) changes.capture_reaction = data.captureReaction;
  await updateWorkspaceRow(ctx.db, id, changes);
  return presentWorkspace({ ...row, ...changes });
}

/** Disconnects a workspace; its links, war-room records and captures go with it (the channels stay in chat). */
export async function disconnectWorkspace(ctx: AppContext, by: By, id: string): Promise<void> {
  requireRole(by, 'admin', 'disconnect chat workspaces');
  if (!(await getWorkspaceRow(ctx.db, id))) throw notFound('chat workspace', id);
  await deleteWorkspaceRow(ctx.db, id);
}
