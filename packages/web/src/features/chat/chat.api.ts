import type {
  ChatWorkspace,
  ConnectChatWorkspaceInput,
  SlackAppSetup,
  UpdateChatWorkspaceInput,
} from '@firebreak/shared';
import { useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { useApiMutation } from '../../api/mutations.js';

// Connected chat workspaces (admins only) and the Slack app's setup values for this server.

const BASE = `${API}/chat`;

export const keys = {
  workspaces: ['chat', 'workspaces'] as const,
  slackApp: ['chat', 'slack-app'] as const,
};

export const useChatWorkspaces = () =>
  useQuery({
    queryKey: keys.workspaces,
    queryFn: () => api.get<{ items: ChatWorkspace[] }>(`${BASE}/workspaces`).then((page) => page.items),
  });

export const useSlackAppSetup = () =>
  useQuery({ queryKey: keys.slackApp, queryFn: () => api.get<SlackAppSetup>(`${BASE}/slack-app`) });

export const useConnectWorkspace = () =>
  useApiMutation({
    mutationFn: (input: ConnectChatWorkspaceInput) => api.post<ChatWorkspace>(`${BASE}/workspaces`, input),
    invalidate: [keys.workspaces],
    success: (w) => `Connected ${w.name}.`,
  });

export const useUpdateWorkspace = () =>
  useApiMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateChatWorkspaceInput }) =>
      api.patch<ChatWorkspace>(`${BASE}/workspaces/${id}`, input),
    invalidate: [keys.workspaces],
    success: (w) => `${w.name} saved.`,
  });

export const useDisconnectWorkspace = () =>
  useApiMutation({
    mutationFn: (w: ChatWorkspace) => api.delete<void>(`${BASE}/workspaces/${w.id}`),
    invalidate: [keys.workspaces],
    success: (_r, w) => `Disconnected ${w.name}.`,
  });
