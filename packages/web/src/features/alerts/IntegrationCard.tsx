import { ALERT_SEVERITIES, type Integration, type IntegrationWithKey } from '@firebreak/shared';
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconSend, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDateTime } from '../../components/format.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useDeleteIntegration, useRotateKey, useSendTestEvent } from './alerts.api.js';
import { EditIntegrationModal } from './EditIntegrationModal.js';
import { IntegrationKey } from './IntegrationKey.js';
import { formatSeconds, KIND_LABEL } from './presentation.js';

type Props = { integration: Integration; serviceName: string; canEdit: boolean; isAdmin: boolean };

/** One integration: where to send, its settings, how noisy it is, and what can be done to it. */
export function IntegrationCard({ integration: i, serviceName, canEdit, isAdmin }: Props) {
  const rotate = useRotateKey();
  const test = useSendTestEvent();
  const remove = useDeleteIntegration();
  const [rotated, setRotated] = useState<IntegrationWithKey | null>(null);
  const [editing, setEditing] = useState(false);
  const urgency = ALERT_SEVERITIES.map(
    (s) => `${s} → ${i.urgencyMap[s] ?? (s === 'critical' || s === 'error' ? 'high' : 'low')}`,
  );

  return (
    <Paper withBorder radius="md" p="lg" component="article" aria-label={i.name} data-testid={`integration-${i.name}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5">
              {i.name}
            </Title>
            <Text size="xs" c="dimmed">
              {KIND_LABEL[i.kind]} · {serviceName} · key …{i.keyHint}
            </Text>
          </Stack>
          {i.heartbeat && (
            <Badge color={i.heartbeat.state === 'missed' ? 'red' : i.heartbeat.state === 'ok' ? 'green' : 'gray'}>
              Heartbeat {i.heartbeat.state}
            </Badge>
          )}
        </Group>
        <SecretValue value={i.endpointUrl} label={`URL of ${i.name}`} />
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Fact label="Grace period" value={formatSeconds(i.graceSeconds)} />
          <Fact label="Urgency" value={urgency.join(', ')} />
          <Fact
            label="Auto-declare"
            value={i.autoIncident ? `${i.autoIncident.minSeverity}+ → ${i.autoIncident.incidentSeverity}` : 'never'}
          />
          <Fact
            label="Noise (28 days)"
            value={
              i.stats.noiseRatio === null
                ? `${i.stats.alerts} alerts, no feedback yet`
                : `${Math.round(i.stats.noiseRatio * 100)}% noisy of ${i.stats.useful + i.stats.noisy} judged`
            }
          />
          <Fact label="Pages per week" value={i.stats.pagesPerWeek.toFixed(1)} />
          <Fact label="Flapping" value={`> ${i.flapFlips} flips in ${i.flapWindowMinutes} min`} />
          <Fact
            label="Grouping"
            value={i.groupBy.length ? i.groupBy.join(', ') : `within ${formatSeconds(i.groupWindowSeconds)}`}
          />
          {i.heartbeat && <Fact label="Last ping" value={formatDateTime(i.heartbeat.lastPingAt)} />}
        </SimpleGrid>
        {canEdit && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSend size={14} />}
              loading={test.isPending}
              onClick={() => test.mutate(i.id)}
              aria-label={`Send a test event through ${i.name}`}
            >
              Send test event
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconSettings size={14} />}
              onClick={() => setEditing(true)}
            >
              Settings
            </Button>
            <ConfirmButton
              leftSection={<IconKey size={14} />}
              title={`Rotate the key of ${i.name}?`}
              message="The current key stops working at once; update the sending tool with the new one."
              aria-label={`Rotate the key of ${i.name}`}
              onConfirm={() => rotate.mutateAsync(i.id).then(setRotated)}
              pending={rotate.isPending}
              error={rotate.error}
            >
              Rotate key
            </ConfirmButton>
            {isAdmin && (
              <ConfirmButton
                title={`Delete ${i.name}?`}
                message="Its alerts are deleted too; alert groups stay as history. To stop a sender, rotate the key instead."
                aria-label={`Delete ${i.name}`}
                onConfirm={() => remove.mutateAsync(i)}
                pending={remove.isPending}
                error={remove.error}
              >
                Delete
              </ConfirmButton>
            )}
          </Group>
        )}
      </Stack>
      <Modal opened={rotated !== null} onClose={() => setRotated(null)} title={`New key for ${i.name}`} size="lg">
        {rotated && <IntegrationKey created={rotated} />}
      </Modal>
      {editing && <EditIntegrationModal integration={i} onClose={() => setEditing(false)} />}
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}
