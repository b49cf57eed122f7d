import type { ActionItem } from '@firebreak/shared';
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { StatusField, useItemPatch } from './ActionItemFields.js';
import { ItemStatusBadge, PriorityBadge } from './PostmortemBadges.js';
import { KIND_LABEL, TRACKER_LABEL } from './presentation.js';

/** An action item on the board: what, where from, who, when, and its status to move it along. */
export function ActionItemCard({ item, canWrite }: { item: ActionItem; canWrite: boolean }) {
  const { update, patch } = useItemPatch(item);
  const origin = item.postmortemId ? `/postmortems/${item.incident.number}` : `/incidents/${item.incident.number}`;
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      data-testid="action-item"
      data-overdue={item.overdue || undefined}
      style={item.overdue ? { borderColor: 'var(--mantine-color-red-filled)' } : undefined}
    >
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {item.title}
        </Text>
        <Anchor component={Link} to={origin} size="xs" c="dimmed">
          {item.incident.number} {item.incident.title}
        </Anchor>
        <Group gap={4}>
          <PriorityBadge priority={item.priority} size="xs" />
          <Badge size="xs" variant="outline" color={item.kind === 'immediate' ? 'red' : 'gray'}>
            {KIND_LABEL[item.kind]}
          </Badge>
          {item.overdue && (
            <Badge size="xs" color="red">
              Overdue
            </Badge>
          )}
        </Group>
        <Text size="xs">
          {item.owner?.name ?? 'No owner'}
          {item.team && ` · ${item.team.name}`}
          {' · '}
          <Text span size="xs" c={item.overdue ? 'red' : 'dimmed'} fw={item.overdue ? 600 : undefined}>
            {item.dueAt ? `due ${formatDate(item.dueAt)}` : 'no due date'}
          </Text>
        </Text>
        <Group justify="space-between" gap="xs">
          {canWrite ? (
            <StatusField item={item} patch={patch} disabled={update.isPending} />
          ) : (
            <ItemStatusBadge status={item.status} />
          )}
          {item.tracker && item.trackerUrl && (
            <Anchor href={item.trackerUrl} target="_blank" rel="noopener noreferrer" size="xs">
              {TRACKER_LABEL[item.tracker.kind]} {item.tracker.key} <IconExternalLink size={10} />
            </Anchor>
          )}
        </Group>
        <ProblemAlert error={update.error} />
      </Stack>
    </Paper>
  );
}
