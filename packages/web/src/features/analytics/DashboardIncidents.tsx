import type { Dashboard } from '@firebreak/shared';
import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Section } from '../../components/Section.js';
import { OverdueBadge, SeverityBadge, StatusBadge } from '../incidents/IncidentBadges.js';
import { severityColor } from '../incidents/presentation.js';

/** What is burning now: counts per severity (with how many owe an update), then each active incident. */
export function DashboardIncidents({ data }: { data: Dashboard }) {
  const active = data.activeIncidents;
  return (
    <Section
      title="Active incidents"
      action={
        <Anchor component={Link} to="/incidents?status=investigating,identified,monitoring" size="sm">
          All incidents
        </Anchor>
      }
    >
      <Group gap="xs" role="group" aria-label="Active incidents by severity">
        {data.activeBySeverity.map((s) => (
          <Badge
            key={s.severity}
            size="lg"
            variant={s.count ? 'light' : 'outline'}
            color={s.count ? severityColor(s) : 'gray'}
            rightSection={
              s.overdue ? (
                <Text span size="xs" c="red" fw={700}>
                  {s.overdue} overdue
                </Text>
              ) : undefined
            }
          >
            {s.name}: {s.count}
          </Badge>
        ))}
      </Group>
      {active.length === 0 ? (
        <Text size="sm" c="dimmed">
          No active incidents. All quiet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" highlightOnHover aria-label="Active incidents">
            <Table.Tbody>
              {active.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td w={80}>
                    <SeverityBadge severity={i.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap={6} wrap="nowrap">
                        <Anchor component={Link} to={`/incidents/${i.number}`} fw={600} size="sm">
                          {i.number}
                        </Anchor>
                        <Text size="sm" lineClamp={1}>
                          {i.title}
                        </Text>
                        {i.private && <IconLock size={14} aria-label="Private" />}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {i.commander ? `Commander ${i.commander.name}` : 'No commander'}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {i.updateOverdue && <OverdueBadge dueAt={i.nextUpdateDueAt} />}
                      <StatusBadge status={i.status} style={{ minWidth: 'max-content' }} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
