import { type GapsAnswer, roleAtLeast } from '@firebreak/shared';
import { Anchor, Badge, Button, List, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useTeams } from '../directory/directory.api.js';
import { describeRotation } from './layer.draft.js';
import { useGaps, useOnCall, useSchedules } from './oncall.api.js';
import { formatDuration, formatRange } from './zone.js';

/** Every schedule with who is on call now and whether the next 14 days are covered. */
export function SchedulesSection() {
  const { user: me } = useSignedIn();
  const schedules = useSchedules();
  const gaps = useGaps();
  const now = useOnCall({});
  const teams = useTeams();
  const teamName = new Map(teams.items.map((t) => [t.id, t.name]));
  const gapsOf = new Map((gaps.data?.items ?? []).map((g) => [g.scheduleId, g]));
  const onCallOf = (scheduleId: string) =>
    (now.data?.items ?? []).filter((e) => e.schedule?.id === scheduleId).map((e) => e.user.name);

  return (
    <Section
      title="Schedules"
      description="Who is on call when. Coverage is checked for the next 14 days."
      action={
        roleAtLeast(me.role, 'responder') && (
          <Button component={Link} to="/oncall/schedules/new" leftSection={<IconPlus size={16} />}>
            New schedule
          </Button>
        )
      }
    >
      {schedules.isPending ? (
        <PageLoader />
      ) : schedules.isError ? (
        <ErrorState error={schedules.error} onRetry={() => schedules.refetch()} />
      ) : schedules.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No schedules yet. Create one with a rotation of the people who share the pager.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Schedules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>Rotations</Table.Th>
                <Table.Th>On call now</Table.Th>
                <Table.Th>Next 14 days</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedules.items.map((s) => {
                const who = onCallOf(s.id);
                return (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/oncall/schedules/${s.id}`} fw={500} size="sm">
                          {s.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {s.timeZone}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={s.teamId ? undefined : 'dimmed'}>
                        {s.teamId ? (teamName.get(s.teamId) ?? '…') : 'No team'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {s.layers.length === 0
                          ? 'No layers'
                          : s.layers.map((l) => describeRotation(l.rotation, l.handoffTime)).join('; ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={who.length ? undefined : 'red'}>
                        {now.isPending ? '…' : who.length ? who.join(', ') : 'Nobody'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Coverage gaps={gapsOf.get(s.id)} zone={me.timeZone} loading={gaps.isPending} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...schedules} />
    </Section>
  );
}

function Coverage({ gaps, zone, loading }: { gaps: GapsAnswer | undefined; zone: string; loading: boolean }) {
  if (loading) return <Text size="sm">…</Text>;
  if (!gaps)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (gaps.gaps.length === 0) {
    return (
      <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} />}>
        Covered
      </Badge>
    );
  }
  const total = gaps.gaps.reduce((sum, g) => sum + Date.parse(g.end) - Date.parse(g.start), 0);
  return (
    <Tooltip
      multiline
      w={320}
      withArrow
      label={
        <List size="xs">
          {gaps.gaps.slice(0, 6).map((g) => (
            <List.Item key={g.start}>{formatRange(g.start, g.end, zone)}</List.Item>
          ))}
          {gaps.gaps.length > 6 && <List.Item>and {gaps.gaps.length - 6} more</List.Item>}
        </List>
      }
    >
      <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />} tabIndex={0}>
        {gaps.gaps.length} gap{gaps.gaps.length > 1 ? 's' : ''}, {formatDuration(total)} uncovered
      </Badge>
    </Tooltip>
  );
}
