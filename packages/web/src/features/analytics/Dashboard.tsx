import { Anchor, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { useDashboard } from './analytics.api.js';
import { DashboardDue } from './DashboardDue.js';
import { DashboardIncidents } from './DashboardIncidents.js';
import { DashboardOnCall } from './DashboardOnCall.js';
import { DashboardWork } from './DashboardWork.js';
import { KeyFiguresGrid } from './KeyFiguresGrid.js';

/** The home page: what is burning, what is mine, who is on call, what is due, and how this month is going. */
export function Dashboard() {
  const { user } = useSignedIn();
  const board = useDashboard();
  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={2}>
        <Title order={1} size="h2">
          Dashboard
        </Title>
        <Text size="sm" c="dimmed">
          Welcome, {user.name}.
        </Text>
      </Stack>
      {board.isPending ? (
        <PageLoader />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => board.refetch()} />
      ) : (
        <>
          <DashboardIncidents data={board.data} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6, xl: 4 }}>
              <DashboardWork data={board.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6, xl: 4 }}>
              <DashboardOnCall data={board.data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xl: 4 }}>
              <DashboardDue data={board.data} />
            </Grid.Col>
          </Grid>
          <Stack gap="xs" component="section" aria-label="This month">
            <Group justify="space-between" align="baseline">
              <Title order={2} size="h4">
                This month
              </Title>
              <Anchor component={Link} to="/analytics" size="sm">
                More in Analytics
              </Anchor>
            </Group>
            <KeyFiguresGrid
              current={board.data.figures.current}
              previous={board.data.figures.previous}
              previousLabel="same days last month"
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}
