import type {
  ChatProvider,
  ChatWorkspace,
  ConnectChatWorkspaceInput,
  UpdateChatWorkspaceInput,
} from '@firebreak/shared';

// The connect / edit form as plain strings, and what it sends: secrets are write-only, so an empty
// secret field means "keep the stored one"; an edit sends only what changed (a new API URL or bot
// token makes the server ask Slack again).

export const DEFAULT_API_URL = 'https://slack.com/api/';

export type WorkspaceDraft = {
  provider: ChatProvider;
  teamId: string;
  name: string;
  botToken: string;
  signingSecret: string;
  verificationToken: string;
  apiUrl: string;
  announcementsChannel: string;
  captureReaction: string;
};

export const emptyDraft = (): WorkspaceDraft => ({
  provider: 'slack',
  teamId: '',
  name: '',
  botToken: '',
  signingSecret: '',
  verificationToken: '',
  apiUrl: DEFAULT_API_URL,
  announcementsChannel: '',
  captureReaction: 'pushpin',
});

export const draftOf = (w: ChatWorkspace): WorkspaceDraft => ({
  provider: w.provider,
  teamId: w.teamId,
  name: w.name,
  botToken: '',
  signingSecret: '',
  verificationToken: '',
  apiUrl: w.apiUrl,
  announcementsChannel: w.announcementsChannel,
  captureReaction: w.captureReaction,
});

const given = (value: string) => (value.trim() ? value.trim() : undefined);

export function connectInput(d: WorkspaceDraft): ConnectChatWorkspaceInput {
  return {
    provider: d.provider,
    teamId: given(d.teamId),
    name: given(d.name),
    botToken: d.provider === 'slack' ? given(d.botToken) : undefined,
    signingSecret: d.provider === 'slack' ? given(d.signingSecret) : undefined,
    verificationToken: given(d.verificationToken),
    apiUrl: given(d.apiUrl),
    announcementsChannel: d.announcementsChannel.trim(),
    captureReaction: given(d.captureReaction),
  };
}

export function updateInput(d: WorkspaceDraft, before: ChatWorkspace): UpdateChatWorkspaceInput {
  const changed = (value: string, old: string) => (value.trim() !== old ? value.trim() : undefined);
  return {
    name: changed(d.name, before.name) || undefined,
    botToken: given(d.botToken),
    signingSecret: given(d.signingSecret),
    verificationToken: given(d.verificationToken),
    apiUrl: changed(d.apiUrl, before.apiUrl) || undefined,
    announcementsChannel: changed(d.announcementsChannel, before.announcementsChannel),
    captureReaction: changed(d.captureReaction, before.captureReaction) || undefined,
  };
}
