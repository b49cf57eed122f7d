import { type ApiToken, roleAtLeast } from '@firebreak/shared';
import { Badge, Button, Code, Group, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { CreateTokenModal } from './CreateTokenModal.js';
import { useRevokeToken, useTokens, useUsers } from './directory.api.js';

function status(token: ApiToken): { label: string; color: string } {
  if (token.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'green' };
}

export default function TokensPage() {
  const { user: me } = useSignedIn();
  const isAdmin = roleAtLeast(me.role, 'admin');
  const [all, setAll] = useState(false);
  const tokens = useTokens(all);
  const revoke = useRevokeToken();
  const [creating, { open, close }] = useDisclosure(false);
  // Name the owner only when the list holds someone else's.
  const showOwner = all;
  const users = useUsers();
  const ownerName = new Map(users.items.map((u) => [u.id, u.name]));

  return (
    <Section
      title="API tokens"
      description="For the CLI and automation. A token acts as its owner and never does more than its owner may."
      action={
        <Group gap="md">
          {isAdmin && (
            <Switch label="Everyone's tokens" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
          )}
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            New token
          </Button>
        </Group>
      }
    >
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : tokens.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tokens yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                {showOwner && <Table.Th>Owner</Table.Th>}
                <Table.Th>Scope</Table.Th>
                <Table.Th>Starts with</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.items.map((token) => {
                const s = status(token);
                return (
                  <Table.Tr key={token.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {token.name}
                      </Text>
                    </Table.Td>
                    {showOwner && (
                      <Table.Td>
                        <Text size="sm">{token.userId === me.id ? 'You' : (ownerName.get(token.userId) ?? '…')}</Text>
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Badge variant="light" color={token.scope === 'admin' ? 'grape' : 'blue'}>
                        {token.scope}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(token.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={s.color}>
                        {s.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      {!token.revokedAt && (
                        <ConfirmButton
                          title={`Revoke ${token.name}?`}
                          message="Anything using this token stops working at once. This cannot be undone."
                          aria-label={`Revoke ${token.name}`}
                          onConfirm={() => revoke.mutateAsync(token)}
                          pending={revoke.isPending}
                          error={revoke.error}
                        >
                          Revoke
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...tokens} />
      <CreateTokenModal opened={creating} onClose={close} allowAdmin={isAdmin} />
    </Section>
  );
}
