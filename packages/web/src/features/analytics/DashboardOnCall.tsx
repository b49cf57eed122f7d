import type { Dashboard } from '@firebreak/shared';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

/** Who to call, per team, right now. */
export function DashboardOnCall({ data }: { data: Dashboard }) {
  return (
    <Section
      title="On call now"
      action={
        <Anchor component={Link} to="/oncall" size="sm">
          Schedules
        </Anchor>
      }
    >
      {data.onCall.length === 0 ? (
        <Text size="sm" c="dimmed">
          No team has an on-call schedule yet.
        </Text>
      ) : (
        <Stack gap="sm" component="dl" m={0}>
          {data.onCall.map((t) => (
            <div key={t.team.id}>
              <Text component="dt" size="sm" fw={600}>
                {t.team.name}
              </Text>
              {t.people.length === 0 ? (
                <Text component="dd" m={0} size="sm" c="red">
                  Nobody on call
                </Text>
              ) : (
                t.people.map((p) => (
                  <Group key={`${p.schedule.id}-${p.user.id}`} component="dd" m={0} gap={6} wrap="wrap">
                    <Text size="sm">{p.user.name}</Text>
                    <Text size="xs" c="dimmed">
                      {p.schedule.name}
                      {p.until ? ` · until ${formatDateTime(p.until)}` : ''}
                    </Text>
                  </Group>
                ))
              )}
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}
