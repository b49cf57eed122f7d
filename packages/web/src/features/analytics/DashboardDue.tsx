import type { Dashboard } from '@firebreak/shared';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

function Due({ at, overdue }: { at: string; overdue: boolean }) {
  return overdue ? (
    <Badge color="red" variant="light" size="sm">
      Overdue since {formatDateTime(at)}
    </Badge>
  ) : (
    <Text size="xs" c="dimmed">
      Due {formatDateTime(at)}
    </Text>
  );
}

/** Follow-up work that is due within a week or late: postmortems, and my action items. */
export function DashboardDue({ data }: { data: Dashboard }) {
  const nothing = data.postmortemsDue.length === 0 && data.actionItemsDue.length === 0;
  return (
    <Section title="Due this week" description="Unpublished postmortems, and your open action items.">
      {nothing && (
        <Text size="sm" c="dimmed">
          Nothing due in the next seven days.
        </Text>
      )}
      {data.postmortemsDue.length > 0 && (
        <Stack gap={6} aria-label="Postmortems due">
          <Text size="sm" fw={600}>
            Postmortems
          </Text>
          {data.postmortemsDue.map((p) => (
            <Group key={p.id} gap="xs" justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Anchor component={Link} to={`/incidents/${p.incidentNumber}`} size="sm" lineClamp={1}>
                  {p.incidentNumber}: {p.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {p.status.replace('_', ' ')} · {p.owner ? p.owner.name : 'no owner'}
                </Text>
              </Stack>
              <Due at={p.dueAt} overdue={p.overdue} />
            </Group>
          ))}
        </Stack>
      )}
      {data.actionItemsDue.length > 0 && (
        <Stack gap={6} aria-label="My action items due">
          <Text size="sm" fw={600}>
            My action items
          </Text>
          {data.actionItemsDue.map((a) => (
            <Group key={a.id} gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" lineClamp={1}>
                {a.title}{' '}
                <Text span size="xs" c="dimmed">
                  ({a.incidentNumber})
                </Text>
              </Text>
              <Due at={a.dueAt} overdue={a.overdue} />
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
