import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { useReadiness } from './paging.api.js';

/**
 * People on call in the next 14 days whom a high-urgency page may not reach: no contact method, or
 * none verified. Shown only when there is something to fix.
 */
export function ReadinessSection() {
  const readiness = useReadiness();
  const items = readiness.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle />}
      title={`Paging readiness: ${items.length} ${items.length === 1 ? 'person' : 'people'} on call may not be reached`}
      role="region"
      aria-label="Paging readiness"
    >
      <Text size="sm" mb="xs">
        They are on call in the next 14 days, but none of the contact methods their high-urgency rules use is verified.
        Each can fix it under{' '}
        <Anchor component={Link} to="/settings/profile" size="sm">
          Profile → Paging
        </Anchor>{' '}
        by sending themselves a test notification.
      </Text>
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item.user.id}>
            <Text span fw={600} size="sm">
              {item.user.name}
            </Text>{' '}
            <Text span size="sm" c="dimmed">
              ({item.onCallFrom ? `on call from ${formatDateTime(item.onCallFrom)}` : 'named in an escalation policy'})
            </Text>
            : {item.reason}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
