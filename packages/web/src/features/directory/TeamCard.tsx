import type { Team } from '@firebreak/shared';
import { Badge, Button, Group, Select, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useDeleteTeam, useRemoveTeamMember, useSetTeamMember, useUsers } from './directory.api.js';

type Props = { team: Team; canEdit: boolean; canDelete: boolean };

export function TeamCard({ team, canEdit, canDelete }: Props) {
  const setMember = useSetTeamMember();
  const removeMember = useRemoveTeamMember();
  const deleteTeam = useDeleteTeam();

  return (
    <Section
      title={team.name}
      description={team.description || undefined}
      action={
        canDelete && (
          <ConfirmButton
            title={`Delete team ${team.name}?`}
            message="Its services lose their owning team. People stay; only the team goes."
            aria-label={`Delete team ${team.name}`}
            onConfirm={() => deleteTeam.mutateAsync(team)}
            pending={deleteTeam.isPending}
            error={deleteTeam.error}
          >
            Delete team
          </ConfirmButton>
        )
      }
    >
      <ProblemAlert error={setMember.error ?? removeMember.error} />
      {team.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>Manager</Table.Th>
                {canEdit && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.members.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {m.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canEdit ? (
                      <Switch
                        aria-label={`${m.name} is a manager of ${team.name}`}
                        checked={m.role === 'manager'}
                        disabled={setMember.isPending}
                        onChange={(e) =>
                          setMember.mutate({
                            teamId: team.id,
                            userId: m.userId,
                            role: e.currentTarget.checked ? 'manager' : 'member',
                          })
                        }
                      />
                    ) : m.role === 'manager' ? (
                      <Badge variant="light">Manager</Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${m.name} from ${team.name}`}
                        loading={removeMember.isPending && removeMember.variables?.userId === m.userId}
                        onClick={() => removeMember.mutate({ teamId: team.id, userId: m.userId })}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && <AddMemberForm team={team} />}
    </Section>
  );
}

function AddMemberForm({ team }: { team: Team }) {
  const users = useUsers();
  const setMember = useSetTeamMember();
  const [userId, setUserId] = useState<string | null>(null);
  const [manager, setManager] = useState(false);
  const members = new Set(team.members.map((m) => m.userId));
  const candidates = users.items
    .filter((u) => !members.has(u.id) && u.deactivatedAt === null)
    .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return;
    setMember.mutate(
      { teamId: team.id, userId, role: manager ? 'manager' : 'member' },
      {
        onSuccess: () => {
          setUserId(null);
          setManager(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={`Add a member to ${team.name}`}>
      <Stack gap="xs">
        <ProblemAlert error={setMember.error} />
        <Group align="flex-end" gap="sm">
          <Select
            label="Add member"
            placeholder={users.isPending ? 'Loading people…' : 'Pick a person'}
            data={candidates}
            value={userId}
            onChange={setUserId}
            searchable
            nothingFoundMessage="Everyone is already a member"
            style={{ flex: '1 1 240px' }}
          />
          <Switch label="Manager" checked={manager} onChange={(e) => setManager(e.currentTarget.checked)} mb={8} />
          <Button type="submit" disabled={!userId} loading={setMember.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
