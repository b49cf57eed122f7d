import { type ChatWorkspace, ConnectChatWorkspaceInput, UpdateChatWorkspaceInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { type By, requireRole } from '../../directory/directory.policy.js';
import type { ChatWorkspacesTable } from '../chat.model.js';
import { presentWorkspace } from '../chat.presenter.js';
import { encryptSecret } from '../secrets.js';
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
  if (await findWorkspaceByTeam(ctx.db, data.provider, data.teamId)) {
    throw conflict(
      'workspace_connected',
      `The ${data.provider} team ${data.teamId} is connected already; update it instead.`,
    );
  }
  const now = ctx.clock.now();
  const seal = (v: string | undefined) => (v ? encryptSecret(ctx.secretKey, v) : null);
  const row: ChatWorkspacesTable = {
    id: newId(),
    provider: data.provider,
    team_id: data.teamId,
    name: data.name,
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
