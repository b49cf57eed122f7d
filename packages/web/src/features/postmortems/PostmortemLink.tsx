import { type IncidentDetail, roleAtLeast } from '@firebreak/shared';
import { Button, Group, Stack } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { PostmortemOverdueBadge, PostmortemStatusBadge } from './PostmortemBadges.js';
import { useIncidentPostmortem, useStartPostmortem } from './postmortems.api.js';

// Incidents that never ran (declined, merged, still in triage) have nothing to learn from here.
const NEVER = new Set(['triage', 'declined', 'merged']);

/**
 * On an incident's page: its postmortem, or "Start postmortem" once it is resolved. Renders nothing
 * while there is nothing to show.
 */
export function PostmortemLink({ incident }: { incident: IncidentDetail }) {
  const { user: me } = useSignedIn();
  const canStart = roleAtLeast(me.role, 'responder');
  const pm = useIncidentPostmortem(incident.number, !NEVER.has(incident.status));
  const start = useStartPostmortem();
  const navigate = useNavigate();
  const resolved = incident.status === 'resolved' || incident.status === 'closed';

  if (pm.data) {
    return (
      <Group gap="xs">
        <Button
          component={Link}
          to={`/postmortems/${incident.number}`}
          variant="light"
          size="xs"
          leftSection={<IconFileText size={14} />}
        >
          Postmortem
        </Button>
        <PostmortemStatusBadge status={pm.data.status} />
        <PostmortemOverdueBadge postmortem={pm.data} />
      </Group>
    );
  }
  if (pm.data !== null || !resolved || !canStart) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconFileText size={14} />}
        loading={start.isPending}
        onClick={() =>
          start.mutate(incident.id, { onSuccess: (created) => navigate(`/postmortems/${created.incident.number}`) })
        }
      >
        Start postmortem
      </Button>
      <ProblemAlert error={start.error} />
    </Stack>
  );
}
