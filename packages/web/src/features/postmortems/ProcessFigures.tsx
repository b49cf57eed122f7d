import type { ProcessFigures as Figures } from '@firebreak/shared';
import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDuration } from '../incidents/presentation.js';

const duration = (ms: number | null) => (ms == null ? '—' : formatDuration(ms));

/** How the response went, measured from the incident's record when the postmortem started. */
export function ProcessFigures({ figures }: { figures: Figures }) {
  const cadence =
    figures.cadenceHeld == null ? 'No cadence expected' : figures.cadenceHeld ? 'Cadence held' : 'Cadence missed';
  const cells: [string, string, string?][] = [
    ['Time to declare', duration(figures.timeToDeclareMs), 'Detected → declared'],
    ['Time to acknowledge', duration(figures.timeToAcknowledgeMs), 'Declared → a commander'],
    ['Time to mitigate', duration(figures.timeToMitigateMs), 'From detection'],
    ['Time to resolve', duration(figures.timeToResolveMs), 'From detection'],
    [
      'Status updates',
      `${figures.updatesPosted}${figures.updatesDue == null ? '' : ` of ${figures.updatesDue} due`}`,
      figures.updateCadenceMinutes ? `Every ${figures.updateCadenceMinutes} min` : undefined,
    ],
    ['Longest silence', duration(figures.longestSilenceMs), cadence],
    ['Reminders needed', String(figures.overdueReminders), 'Overdue-update reminders'],
  ];
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" aria-label="Process figures">
        {cells.map(([label, value, hint]) => (
          <Paper key={label} withBorder radius="sm" p="xs">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
            {hint && (
              <Text size="xs" c="dimmed">
                {hint}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      {figures.roles.length > 0 && (
        <Text size="sm">
          <Text span c="dimmed">
            Roles:{' '}
          </Text>
          {figures.roles.map((r) => `${r.role.replaceAll('_', ' ')}: ${r.people.join(', ')}`).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}
