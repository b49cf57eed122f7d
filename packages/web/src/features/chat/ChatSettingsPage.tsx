import { roleAtLeast } from '@firebreak/shared';
import { Button, Stack, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useChatWorkspaces } from './chat.api.js';
import { SlackAppSection } from './SlackAppSection.js';
import { WorkspaceFormModal } from './WorkspaceFormModal.js';
import { WorkspacesTable } from './WorkspacesTable.js';

/** `/settings/chat`: the Slack workspaces (and Mattermost teams) Firebreak answers and posts to. Admins only. */
export default function ChatSettingsPage() {
  const { user: me } = useSignedIn();
  if (!roleAtLeast(me.role, 'admin')) {
    return (
      <Section title="Chat" description="Slack and Mattermost workspaces connected to Firebreak.">
        <Text size="sm" c="dimmed">
          Only admins can connect chat workspaces. To act from chat yourself, run <code>/inc link</code> there.
        </Text>
      </Section>
    );
  }
  return <AdminChatSettings />;
}

function AdminChatSettings() {
  const workspaces = useChatWorkspaces();
  const [connecting, setConnecting] = useState(false);
  return (
    <Stack gap="md">
      <Section
        title="Chat workspaces"
        description="Firebreak runs /inc, opens a war-room channel per incident and posts stakeholder updates in these."
        action={
          <Button leftSection={<IconPlugConnected size={16} />} onClick={() => setConnecting(true)}>
            Connect workspace
          </Button>
        }
      >
        {workspaces.isPending ? (
          <PageLoader />
        ) : workspaces.isError ? (
          <ErrorState error={workspaces.error} onRetry={() => workspaces.refetch()} />
        ) : workspaces.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No workspace connected yet. Create the Slack app below, then connect it here.
          </Text>
        ) : (
          <WorkspacesTable workspaces={workspaces.data} />
        )}
      </Section>
      <SlackAppSection />
      {connecting && <WorkspaceFormModal onClose={() => setConnecting(false)} />}
    </Stack>
  );
}
