import { Group, SegmentedControl, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

/** The heading shared by the inbox and the integration settings, switching between the two. */
export function AlertsNav({ current, action }: { current: 'inbox' | 'integrations'; action?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Group justify="space-between" align="center" wrap="wrap">
      <Group gap="lg">
        <Title order={1} size="h2">
          {current === 'inbox' ? 'Alerts' : 'Integrations'}
        </Title>
        <SegmentedControl
          aria-label="Alerts section"
          value={current}
          onChange={(v) => navigate(v === 'inbox' ? '/alerts' : '/alerts/integrations')}
          data={[
            { value: 'inbox', label: 'Inbox' },
            { value: 'integrations', label: 'Integrations' },
          ]}
        />
      </Group>
      {action}
    </Group>
  );
}
