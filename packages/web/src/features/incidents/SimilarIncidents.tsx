import { Anchor, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { SeverityBadge, StatusBadge } from './IncidentBadges.js';
import { useSimilarIncidents } from './incidents.api.js';

/**
 * Past incidents that look like what is being typed: someone may have fixed this before, or it may
 * already be open. Waits for a pause in typing before asking.
 */
export function SimilarIncidents({ text, exclude }: { text: string; exclude?: string }) {
  const [settled] = useDebouncedValue(text.trim().slice(0, 1000), 400);
  const similar = useSimilarIncidents(settled, exclude);
  const items = similar.data ?? [];
  // Nothing to show (yet) takes no room: the form must not jump while someone types.
  if (settled.length < 3 || items.length === 0) return null;

  return (
    <Paper withBorder p="sm" radius="sm" aria-label="Similar incidents">
      <Stack gap={6}>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            Looks similar
          </Text>
          {similar.isFetching && <Loader size={12} />}
        </Group>
        {items.map((incident) => (
          <Group key={incident.id} gap={8} wrap="nowrap">
            <SeverityBadge severity={incident.severity} size="xs" />
            <Anchor component={Link} to={`/incidents/${incident.number}`} target="_blank" size="sm" truncate>
              {incident.number} {incident.title}
            </Anchor>
            <StatusBadge status={incident.status} size="xs" />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDate(incident.declaredAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
