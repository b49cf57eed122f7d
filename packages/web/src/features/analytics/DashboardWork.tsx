import type { AlertGroup, Dashboard, Page } from '@firebreak/shared';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { API, api } from '../../api/client.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';
import { PageStatusBadge, UrgencyBadge } from '../paging/PageBadges.js';

const ALERTS = 5;

/** Open alert groups, newest first; the alerts domain has no owner per alert, so "yours" means it paged you. */
const useOpenAlerts = () =>
  useQuery({
    queryKey: ['alerts', 'groups', 'open', ALERTS],
    queryFn: () => api.get<Page<AlertGroup>>(`${API}/alert-groups`, { status: 'open', limit: ALERTS }),
    refetchInterval: 60_000,
  });

/** Pages waiting for me, and the alerts that are firing. */
export function DashboardWork({ data }: { data: Dashboard }) {
  const alerts = useOpenAlerts();
  const myPageIds = new Set(data.myPages.map((p) => p.id));
  return (
    <Section
      title="My open pages"
      action={
        <Anchor component={Link} to="/pages" size="sm">
          All pages
        </Anchor>
      }
    >
      {data.myPages.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is paging you.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {data.myPages.map((p) => (
            <Group key={p.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Stack gap={0}>
                <Anchor component={Link} to={`/pages/${p.id}`} size="sm" fw={500} lineClamp={1}>
                  {p.summary}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(p.createdAt)}
                </Text>
              </Stack>
              <Group gap={4} wrap="nowrap">
                <UrgencyBadge urgency={p.urgency} size="sm" />
                <PageStatusBadge status={p.status} size="sm" />
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {alerts.data && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Open alerts
          </Text>
          {alerts.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No alerts firing.
            </Text>
          ) : (
            alerts.data.items.map((g) => (
              <Group key={g.id} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" lineClamp={1}>
                  {g.title}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {g.pageId && myPageIds.has(g.pageId) && (
                    <Badge size="sm" color="red" variant="light">
                      Paged you
                    </Badge>
                  )}
                  <Badge size="sm" variant="outline" color={g.status === 'triggered' ? 'red' : 'yellow'}>
                    {g.status}
                  </Badge>
                </Group>
              </Group>
            ))
          )}
          <Anchor component={Link} to="/alerts" size="xs">
            All alerts
          </Anchor>
        </Stack>
      )}
    </Section>
  );
}
