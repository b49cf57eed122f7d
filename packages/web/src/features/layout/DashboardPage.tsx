import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSignedIn } from '../auth/session.js';

export function DashboardPage() {
  const { user } = useSignedIn();
  return (
    <Stack gap="xs">
      <Title order={1} size="h2">
        Dashboard
      </Title>
      <Text>Welcome, {user.name}.</Text>
      <Text c="dimmed">
        Open incidents, firing alerts and who is on call will show here: coming with the Incidents, Alerts and On-call
        modules.
      </Text>
      <Text c="dimmed">
        Meanwhile, set up{' '}
        <Anchor component={Link} to="/settings/teams">
          teams
        </Anchor>{' '}
        and{' '}
        <Anchor component={Link} to="/settings/services">
          services
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
