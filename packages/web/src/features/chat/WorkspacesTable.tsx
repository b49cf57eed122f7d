import type { ChatWorkspace } from '@firebreak/shared';
import { Badge, Button, Code, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDate } from '../../components/format.js';
import { useDisconnectWorkspace } from './chat.api.js';
import { WorkspaceFormModal } from './WorkspaceFormModal.js';
import { DEFAULT_API_URL } from './workspace.draft.js';

/** Secrets are write-only: the list says which are stored, never what they are. */
function Secrets({ w }: { w: ChatWorkspace }) {
  const stored = (set: boolean, label: string) => (
    <Badge key={label} size="sm" variant={set ? 'light' : 'outline'} color={set ? 'green' : 'gray'}>
      {label} {set ? 'stored' : 'missing'}
    </Badge>
  );
  return (
    <Group gap={4}>
      {w.provider === 'slack'
        ? [stored(w.hasBotToken, 'Bot token'), stored(w.hasSigningSecret, 'Signing secret')]
        : stored(w.hasVerificationToken, 'Command token')}
    </Group>
  );
}

export function WorkspacesTable({ workspaces }: { workspaces: ChatWorkspace[] }) {
  const disconnect = useDisconnectWorkspace();
  const [editing, setEditing] = useState<ChatWorkspace | null>(null);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" aria-label="Connected workspaces">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Workspace</Table.Th>
            <Table.Th>Secrets</Table.Th>
            <Table.Th>Announcements</Table.Th>
            <Table.Th>Capture</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workspaces.map((w) => (
            <Table.Tr key={w.id} data-testid={`workspace-${w.teamId}`}>
              <Table.Td>
                <Stack gap={0}>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {w.name}
                    </Text>
                    <Badge size="xs" variant="light" color={w.provider === 'slack' ? 'grape' : 'blue'}>
                      {w.provider}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {w.teamId} · connected {formatDate(w.createdAt)}
                    {w.apiUrl !== DEFAULT_API_URL && w.provider === 'slack' ? ` · API ${w.apiUrl}` : ''}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Secrets w={w} />
              </Table.Td>
              <Table.Td>
                {w.announcementsChannel ? (
                  <Code style={{ wordBreak: 'break-all' }}>{w.announcementsChannel}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code>:{w.captureReaction}:</Code>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconSettings size={14} />}
                    onClick={() => setEditing(w)}
                    aria-label={`Settings of ${w.name}`}
                  >
                    Settings
                  </Button>
                  <ConfirmButton
                    title={`Disconnect ${w.name}?`}
                    message="Firebreak stops answering its commands and forgets its links and war-room records. The channels stay in chat; connect it again at any time."
                    aria-label={`Disconnect ${w.name}`}
                    onConfirm={() => disconnect.mutateAsync(w)}
                    pending={disconnect.isPending}
                    error={disconnect.error}
                  >
                    Disconnect
                  </ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <WorkspaceFormModal workspace={editing} onClose={() => setEditing(null)} />}
    </Table.ScrollContainer>
  );
}
