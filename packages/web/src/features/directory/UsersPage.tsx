import { type Role, roleAtLeast, type User } from '@firebreak/shared';
import { Badge, Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { CreateUserModal } from './CreateUserModal.js';
import { useUpdateUser, useUsers } from './directory.api.js';
import { ROLE_COLORS, ROLE_OPTIONS } from './roles.js';
import { SignInLinkButton } from './SignInLinkButton.js';

export default function UsersPage() {
  const { user: me } = useSignedIn();
  const isAdmin = roleAtLeast(me.role, 'admin');
  const users = useUsers();
  const update = useUpdateUser();
  const [creating, { open, close }] = useDisclosure(false);

  return (
    <Section
      title="Users"
      description={isAdmin ? 'Everyone who can sign in, and what they may do.' : 'Only admins can change people.'}
      action={
        isAdmin && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
            Add user
          </Button>
        )
      }
    >
      <ProblemAlert error={update.error} />
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Time zone</Table.Th>
                <Table.Th>Status</Table.Th>
                {isAdmin && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.items.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isMe={user.id === me.id}
                  isAdmin={isAdmin}
                  onChange={(input) => update.mutateAsync({ id: user.id, ...input })}
                  pending={update.isPending && update.variables?.id === user.id}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...users} />
      <CreateUserModal opened={creating} onClose={close} />
    </Section>
  );
}

type RowProps = {
  user: User;
  isMe: boolean;
  isAdmin: boolean;
  onChange: (input: { role?: Role; deactivated?: boolean }) => Promise<unknown>;
  pending: boolean;
};

function UserRow({ user, isMe, isAdmin, onChange, pending }: RowProps) {
  const deactivated = user.deactivatedAt !== null;
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {user.name}
            {isMe && (
              <Text span c="dimmed" size="sm">
                {' '}
                (you)
              </Text>
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        {isAdmin && !isMe ? (
          <Select
            aria-label={`Role of ${user.name}`}
            data={ROLE_OPTIONS}
            value={user.role}
            onChange={(role) => role && role !== user.role && onChange({ role: role as Role })}
            allowDeselect={false}
            disabled={pending || deactivated}
            size="xs"
            w={130}
          />
        ) : (
          <Badge variant="light" color={ROLE_COLORS[user.role]}>
            {user.role}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{user.timeZone}</Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={deactivated ? 'gray' : 'green'}>
          {deactivated ? 'Deactivated' : 'Active'}
        </Badge>
      </Table.Td>
      {isAdmin && (
        <Table.Td ta="right">
          {isMe ? null : deactivated ? (
            <Button
              size="xs"
              variant="subtle"
              loading={pending}
              onClick={() => onChange({ deactivated: false }).catch(() => {})}
              aria-label={`Reactivate ${user.name}`}
            >
              Reactivate
            </Button>
          ) : (
            <Group justify="flex-end" gap={4} wrap="nowrap">
              <SignInLinkButton user={user} />
              <ConfirmButton
                title={`Deactivate ${user.name}?`}
                message="They are signed out everywhere, their API tokens stop working and they are no longer paged. You can reactivate them later."
                aria-label={`Deactivate ${user.name}`}
                onConfirm={() => onChange({ deactivated: true })}
                pending={pending}
              >
                Deactivate
              </ConfirmButton>
            </Group>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
