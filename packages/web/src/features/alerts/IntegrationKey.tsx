import type { IntegrationWithKey } from '@firebreak/shared';
import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { SecretValue } from '../../components/SecretValue.js';
import { type KindChoice, urlForChoice } from './presentation.js';

/** The URL and routing key of a new (or re-keyed) integration: shown this once, with copy buttons. */
export function IntegrationKey({ created, choice }: { created: IntegrationWithKey; choice?: KindChoice }) {
  const pagerDuty = created.kind === 'events_api';
  return (
    <Stack gap="sm">
      <Alert color="orange" icon={<IconAlertTriangle />} title="Shown only once" role="alert">
        Copy the URL and key now. Firebreak keeps only a hash of the key; if it is lost, rotate it.
      </Alert>
      <Text size="sm" fw={500}>
        URL
      </Text>
      <SecretValue
        value={urlForChoice(created.url, choice ?? 'events_v2')}
        label="Integration URL"
        testId="integration-url"
      />
      <Text size="sm" fw={500}>
        {pagerDuty ? 'Routing key (integration key)' : 'Key (already part of the URL)'}
      </Text>
      <SecretValue value={created.routingKey} label="Routing key" testId="integration-key" />
      {pagerDuty && (
        <Text size="xs" c="dimmed">
          In the sending tool, set the Events API URL to the URL above and the routing key (Alertmanager `routing_key`,
          PagerDuty v1 `service_key`) to the key.
        </Text>
      )}
    </Stack>
  );
}
