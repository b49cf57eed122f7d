import { type AffectedComponent, COMPONENT_STATUS_LABELS } from '@firebreak/shared';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { STATUS_COLORS } from './presentation.js';
import { useComponents } from './statuspage.api.js';

const IMPACT_COLORS: Record<string, string> = { none: 'gray', minor: 'yellow', major: 'orange', critical: 'red' };

/** How an incident update will look on the public page, drawn as the person types. */
export function UpdatePreviewCard({
  name,
  status,
  impact,
  body,
  components,
}: {
  name: string;
  status: string;
  impact: string;
  body: string;
  components: AffectedComponent[];
}) {
  const all = useComponents().data?.components ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="public-preview" aria-label="Public preview" component="section">
      <Stack gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Preview: what customers will see
        </Text>
        <Group gap="xs">
          <Badge color={IMPACT_COLORS[impact] ?? 'gray'}>{impact} impact</Badge>
          <Title order={3} size="h5">
            {name || 'Untitled incident'}
          </Title>
        </Group>
        <Text size="sm">
          <Text span fw={700} tt="capitalize">
            {status}
          </Text>{' '}
          – {body || 'Your update appears here.'}
        </Text>
        {components.length > 0 && (
          <Group gap={6}>
            {components.map((a) => (
              <Badge key={a.componentId} variant="light" color={STATUS_COLORS[a.status]}>
                {all.find((c) => c.id === a.componentId)?.name ?? '…'}: {COMPONENT_STATUS_LABELS[a.status]}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
