import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

// The chat integration's API contract: connected workspaces (Slack, or Mattermost through its
// Slack-compatible endpoints) and the links between chat users and Firebreak accounts.

export const CHAT_PROVIDERS = ['slack', 'mattermost'] as const;
export const ChatProvider = z
  .enum(CHAT_PROVIDERS)
  .describe('slack: Slack app (signed requests, Web API); mattermost: slash commands with a verification token');
export type ChatProvider = z.infer<typeof ChatProvider>;

/** Where stakeholder updates go: a channel id (Slack Web API) or a Slack-compatible incoming webhook URL. */
const Announcements = z
  .string()
  .trim()
  .max(500)
  .describe('Channel id (e.g. C0123ABC) or a Slack-compatible incoming webhook URL; empty for none');

const Reaction = z
  .string()
  .trim()
  .regex(/^:?[a-z0-9_+'-]{1,80}:?$/, 'must be an emoji name such as pushpin')
  .transform((r) => r.replace(/^:|:$/g, ''))
  .describe('Emoji name that copies a war-room message to the timeline, e.g. `pushpin`');

const ApiUrl = z.url().max(500).describe('Slack Web API base URL; change only for a proxy or a test double');

/** A connected workspace as the API shows it: secrets are never returned, only whether they are set. */
export const ChatWorkspace = z.object({
  id: Id,
  provider: ChatProvider,
  teamId: z.string().describe('Slack team id (T…) or Mattermost team id'),
  name: z.string().describe('Display name'),
  hasBotToken: z.boolean().describe('A bot token is stored (write-only)'),
  hasSigningSecret: z.boolean().describe('A signing secret is stored (write-only)'),
  hasVerificationToken: z.boolean().describe('A verification token is stored (write-only)'),
  apiUrl: z.string().describe('Slack Web API base URL'),
  announcementsChannel: z
    .string()
    .describe('Channel id or incoming webhook URL for stakeholder updates; empty for none'),
  captureReaction: z.string().describe('Emoji that copies a war-room message to the timeline'),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ChatWorkspace = z.infer<typeof ChatWorkspace>;

/** Sent in an HTTP header to Slack, so printable ASCII only (anything else could never be a token). */
const BotToken = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[\x21-\x7e]+$/, 'must be the token exactly as Slack shows it (xoxb-…), without spaces');

export const ConnectChatWorkspaceInput = z.strictObject({
  provider: ChatProvider.default('slack'),
  teamId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('Slack team id (T…) or Mattermost team id; for Slack, defaults to the bot token’s team'),
  name: z.string().trim().min(1).max(200).optional().describe('Display name; defaults to the Slack team’s name'),
  botToken: BotToken.optional().describe('Bot user OAuth token (xoxb-…); write-only'),
  signingSecret: z.string().trim().min(1).max(200).optional().describe('Slack app signing secret; write-only'),
  verificationToken: z
    .string()
    .trim()
    .min(8)
    .max(200)
    .optional()
    .describe('Token Mattermost (or a legacy Slack app) sends with each request; write-only'),
  apiUrl: ApiUrl.default('https://slack.com/api/'),
  announcementsChannel: Announcements.default(''),
  captureReaction: Reaction.default('pushpin'),
});
export type ConnectChatWorkspaceInput = z.input<typeof ConnectChatWorkspaceInput>;

export const UpdateChatWorkspaceInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  botToken: BotToken.optional().describe('Replaces the stored bot token'),
  signingSecret: z.string().trim().min(1).max(200).optional().describe('Replaces the stored signing secret'),
  verificationToken: z.string().trim().min(8).max(200).optional().describe('Replaces the stored verification token'),
  apiUrl: ApiUrl.optional(),
  announcementsChannel: Announcements.optional(),
  captureReaction: Reaction.optional(),
});
export type UpdateChatWorkspaceInput = z.input<typeof UpdateChatWorkspaceInput>;

/** A chat user linked to a Firebreak account. */
export const ChatUserLink = z.object({
  workspaceId: Id,
  chatUserId: z.string().describe('Slack user id (U…) or Mattermost user id'),
  chatUserName: z.string().describe('Their handle in chat'),
  userId: Id.describe('The Firebreak account'),
  createdAt: IsoTime,
});
export type ChatUserLink = z.infer<typeof ChatUserLink>;

export const ConfirmChatLinkInput = z.strictObject({
  token: z.string().trim().min(10).max(200).describe('The one-time token from the URL `/inc link` replied with'),
});
export type ConfirmChatLinkInput = z.infer<typeof ConfirmChatLinkInput>;

/** What an admin pastes into Slack: the app manifest with this server's URLs, and the request URLs. */
export const SlackAppSetup = z.object({
  requestUrls: z
    .object({
      commands: z.string().describe('Slash command `/inc` request URL'),
      interactions: z.string().describe('Interactivity request URL (buttons, modals)'),
      events: z.string().describe('Event Subscriptions request URL (reactions)'),
    })
    .describe('Built from FIREBREAK_PUBLIC_URL'),
  manifest: z.string().nullable().describe('The Slack app manifest (YAML) with these URLs; null if not installed'),
});
export type SlackAppSetup = z.infer<typeof SlackAppSetup>;
