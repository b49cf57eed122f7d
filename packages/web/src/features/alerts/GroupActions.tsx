import type { AlertGroup } from '@firebreak/shared';
import { Button, Group } from '@mantine/core';
import { useChangeState } from './alerts.api.js';

/** Acknowledge / resolve / promote one alert group. */
export function GroupActions({ group, onPromote }: { group: AlertGroup; onPromote: (group: AlertGroup) => void }) {
  const change = useChangeState('alert-groups');
  if (group.status === 'resolved') return null;
  const act = (action: 'ack' | 'resolve') => change.mutate({ ids: [group.id], action });
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {group.status === 'triggered' && (
        <Button
          size="compact-xs"
          variant="light"
          color="yellow"
          onClick={() => act('ack')}
          loading={change.isPending}
          aria-label={`Acknowledge ${group.title}`}
        >
          Ack
        </Button>
      )}
      <Button
        size="compact-xs"
        variant="light"
        color="green"
        onClick={() => act('resolve')}
        loading={change.isPending}
        aria-label={`Resolve ${group.title}`}
      >
        Resolve
      </Button>
      {!group.incidentId && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          onClick={() => onPromote(group)}
          aria-label={`Promote ${group.title} to an incident`}
        >
          Promote
        </Button>
      )}
    </Group>
  );
}
