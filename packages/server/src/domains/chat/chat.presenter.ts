import type { ChatUserLink, ChatWorkspace } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { UserLinkRow, WorkspaceRow } from './chat.model.js';

// What leaves the server: secrets only as "is set".

export function presentWorkspace(row: WorkspaceRow): ChatWorkspace {
  return {
    id: row.id,
    provider: row.provider,
    teamId: row.team_id,
    name: row.name,
    hasBotToken: row.bot_token !== null,
    hasSigningSecret: row.signing_secret !== null,
    hasVerificationToken: row.verification_token !== null,
    apiUrl: row.api_url,
    announcementsChannel: row.announcements_channel,
    captureReaction: row.capture_reaction,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentLink(row: UserLinkRow): ChatUserLink {
  return {
    workspaceId: row.workspace_id,
    chatUserId: row.chat_user_id,
    chatUserName: row.chat_user_name,
    userId: row.user_id,
    createdAt: toIso(row.created_at),
  };
}
