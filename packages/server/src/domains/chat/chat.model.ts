import type { ChatProvider } from '@firebreak/shared';
import type { Selectable } from 'kysely';

// Row types of the chat domain (see migrations/2026-11-23-080-chat.ts).

export interface ChatWorkspacesTable {
  id: string;
  provider: ChatProvider;
  team_id: string;
  name: string;
  /** Encrypted (secrets.ts); null when not set. Never leaves the server. */
  bot_token: string | null;
  /** Encrypted; the Slack signing secret. */
  signing_secret: string | null;
  /** Encrypted; the token Mattermost (or a legacy Slack app) sends in each request. */
  verification_token: string | null;
  api_url: string;
  /** Channel id or incoming webhook URL; empty for none. */
  announcements_channel: string;
  capture_reaction: string;
  created_at: number;
  updated_at: number;
}

export interface ChatUserLinksTable {
  workspace_id: string;
  chat_user_id: string;
  chat_user_name: string;
  user_id: string;
  created_at: number;
}

export interface ChatLinkTokensTable {
  /** sha256 of the one-time token; the token itself is only in the URL given to the chat user. */
  token_hash: string;
  workspace_id: string;
  chat_user_id: string;
  chat_user_name: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ChatWarRoomsTable {
  incident_id: string;
  workspace_id: string;
  /** Null until conversations.create succeeded. */
  channel_id: string | null;
  channel_name: string;
  /** The topic last set, so an unchanged one is not sent again. */
  topic: string | null;
  /** ts of the pinned summary message; null until posted. */
  summary_ts: string | null;
  /** The summary text last sent, so an unchanged one is not sent again. */
  summary_text: string | null;
  /** 1 once pins.add succeeded for the summary. */
  summary_pinned: number;
  /** JSON array of chat user ids already invited. */
  invited: string;
  /** Keyset cursor of the last timeline entry posted to the channel. */
  relay_recorded_at: number;
  relay_entry_id: string;
  /** Held by the job syncing the room, so two syncs never post the same entries. */
  sync_lock_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ChatCapturesTable {
  workspace_id: string;
  channel_id: string;
  message_ts: string;
  incident_id: string;
  /** The timeline entry the message became; null while being captured. */
  entry_id: string | null;
  author_chat_id: string | null;
  captured_by_chat_id: string;
  captured_at: number;
  /** Set when the last capture reaction was removed and the entry retracted; reacting again captures anew. */
  removed_at: number | null;
}

declare module '../../core/db/database.js' {
  interface Tables {
    chat_workspaces: ChatWorkspacesTable;
    chat_user_links: ChatUserLinksTable;
    chat_link_tokens: ChatLinkTokensTable;
    chat_war_rooms: ChatWarRoomsTable;
    chat_captures: ChatCapturesTable;
  }
}

export type WorkspaceRow = Selectable<ChatWorkspacesTable>;
export type UserLinkRow = Selectable<ChatUserLinksTable>;
export type WarRoomRow = Selectable<ChatWarRoomsTable>;
export type CaptureRow = Selectable<ChatCapturesTable>;

/** Job kinds of this domain. Every outbound chat call runs in one of them. */
export const JOB = {
  /** One Web API call (post, update, invite, views.open, ephemeral): `{ workspaceId, method, args }`. */
  call: 'chat-slack-call',
  /** POST to an incoming webhook or a response_url: `{ url, body }`. */
  webhook: 'chat-webhook-post',
  /** Creates the war room of an incident, step by step: `{ incidentId }`. */
  openWarRoom: 'chat-war-room-open',
  /** Brings topic, invitations and the pinned summary up to date, then posts new timeline entries: `{ incidentId }`. */
  syncWarRoom: 'chat-war-room-sync',
  /** Plain-language stakeholder update to the announcements channel: `{ workspaceId, updateId }`. */
  announce: 'chat-announce',
  /** Copies a reacted-to message to the timeline: `{ workspaceId, channelId, messageTs, reactorId }`. */
  capture: 'chat-capture',
  /** Retracts a captured message's entry once no capture reaction is left on it: same payload. */
  release: 'chat-capture-release',
} as const;

/** How long a `/inc link` URL works. */
export const LINK_TOKEN_LIFETIME_MS = 15 * 60_000;
/** Slack signs requests with a timestamp; older (or newer) than this is a replay. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
