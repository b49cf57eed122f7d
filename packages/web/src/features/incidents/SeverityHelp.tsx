import type { Severity } from '@firebreak/shared';
import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { formatDuration } from './presentation.js';

/** What a severity means and sets in motion, shown while someone is choosing one. */
export function SeverityHelp({ severity }: { severity: Severity | undefined }) {
  if (!severity) return null;
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-default-hover)" aria-label={`About ${severity.name}`}>
      <Stack gap={6}>
        <Text size="sm">{severity.description || 'No description yet.'}</Text>
        {severity.examples.length > 0 && (
          <>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              For example
            </Text>
            <List size="sm" spacing={2}>
              {severity.examples.map((example) => (
                <List.Item key={example}>{example}</List.Item>
              ))}
            </List>
          </>
        )}
        <SeverityFacts severity={severity} />
      </Stack>
    </Paper>
  );
}

/** The consequences of a severity, as short tags. */
export function SeverityFacts({ severity }: { severity: Severity }) {
  return (
    <Group gap={6}>
      <Badge size="sm" variant="light" color={severity.urgency === 'high' ? 'red' : 'gray'}>
        {severity.urgency === 'high' ? 'Pages at any hour' : 'Business hours'}
      </Badge>
      <Badge size="sm" variant="light" color="blue">
        {severity.updateCadenceMinutes
          ? `Update every ${formatDuration(severity.updateCadenceMinutes * 60_000)}`
          : 'No update rhythm'}
      </Badge>
      {severity.upgradeAfterMinutes && (
        <Badge size="sm" variant="light" color="gray">
          Upgrade prompt after {formatDuration(severity.upgradeAfterMinutes * 60_000)}
        </Badge>
      )}
      {severity.postmortemRequired && (
        <Badge size="sm" variant="light" color="grape">
          Postmortem required
        </Badge>
      )}
      {severity.publicUpdateExpected && (
        <Badge size="sm" variant="light" color="teal">
          Status page update expected
        </Badge>
      )}
    </Group>
  );
}

/** Severity choices for a Select: the name with the first words of its description. */
export function severityOptions(severities: Severity[]) {
  return severities.map((s) => ({ value: s.key, label: `${s.name}: ${s.description.split(/[.:]/)[0]}` }));
}
