import { roleAtLeast } from '@firebreak/shared';
import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { CreateTeamModal } from './CreateTeamModal.js';
import { useTeams } from './directory.api.js';
import { TeamCard } from './TeamCard.js';

export default function TeamsPage() {
  const { user: me } = useSignedIn();
  const isAdmin = roleAtLeast(me.role, 'admin');
  const teams = useTeams();
  const [creating, { open, close }] = useDisclosure(false);

  return (
    <Stack gap="md">
      <Section
        title="Teams"
        description="Teams own services and carry the pager. Managers can edit their team and its schedules."
        action={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New team
            </Button>
          )
        }
      >
        {teams.isPending ? (
          <PageLoader />
        ) : teams.isError ? (
          <ErrorState error={teams.error} onRetry={() => teams.refetch()} />
        ) : teams.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No teams yet.{isAdmin ? ' Create one for each group that carries a pager.' : ''}
          </Text>
        ) : null}
      </Section>
      {teams.items.map((team) => (
        <TeamCard
          key={team.id}
          team={team}
          canEdit={isAdmin || team.members.some((m) => m.userId === me.id && m.role === 'manager')}
          canDelete={isAdmin}
        />
      ))}
      <LoadMore {...teams} />
      <CreateTeamModal opened={creating} onClose={close} />
    </Stack>
  );
}
