import type { OnCallEntry } from '@firebreak/shared';
import {
  Anchor,
  Avatar,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useServices, useTeams } from '../directory/directory.api.js';
import { type OnCallQuery, useOnCall } from './oncall.api.js';
import { personColor } from './people.js';
import { levelName } from './policy.draft.js';
import { formatInZone, fromLocalInput } from './zone.js';

type Scope = 'all' | 'team' | 'service';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

/** "Who is on call": everyone, a team's schedules or a service's escalation policy, now or at a time. */
export function WhoIsOnCallPanel() {
  const { user: me } = useSignedIn();
  const zone = me.timeZone;
  const teams = useTeams();
  const services = useServices();
  const [scope, setScope] = useState<Scope>('all');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [at, setAt] = useState('');
  const atMs = fromLocalInput(at, zone);

  const query: OnCallQuery = {
    ...(scope === 'team' && teamId ? { team: teamId } : {}),
    ...(scope === 'service' && serviceId ? { service: serviceId } : {}),
    ...(atMs !== null ? { at: new Date(atMs).toISOString() } : {}),
  };
  const waiting = (scope === 'team' && !teamId) || (scope === 'service' && !serviceId);
  const answer = useOnCall(query);
  const items = waiting ? [] : (answer.data?.items ?? []);

  return (
    <Section
      title={atMs === null ? 'Who is on call now' : `Who is on call at ${formatInZone(atMs, zone)}`}
      description={`Times in your zone, ${zone}.`}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Show on-call for"
          value={scope}
          onChange={(v) => setScope(v as Scope)}
          data={[
            { value: 'all', label: 'All schedules' },
            { value: 'team', label: 'Team' },
            { value: 'service', label: 'Service' },
          ]}
        />
        {scope === 'team' && (
          <Select
            aria-label="Team"
            placeholder="Choose a team"
            data={teams.items.map((t) => ({ value: t.id, label: t.name }))}
            value={teamId}
            onChange={setTeamId}
            searchable
            w={220}
          />
        )}
        {scope === 'service' && (
          <Select
            aria-label="Service"
            placeholder="Choose a service"
            data={services.items.map((s) => ({ value: s.id, label: s.name }))}
            value={serviceId}
            onChange={setServiceId}
            searchable
            w={220}
          />
        )}
        <TextInput
          type="datetime-local"
          label="At"
          description="Empty for now"
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
          w={220}
        />
        {at && (
          <Button variant="subtle" onClick={() => setAt('')}>
            Now
          </Button>
        )}
      </Group>
      {waiting ? (
        <Text size="sm" c="dimmed">
          Choose a {scope} to see who is on call for it.
        </Text>
      ) : answer.isPending ? (
        <PageLoader />
      ) : answer.isError ? (
        <ErrorState error={answer.error} onRetry={() => answer.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {scope === 'service'
            ? 'Nobody: the service has no escalation policy, or its levels reach nobody at that time.'
            : 'Nobody is on call at that time.'}
        </Text>
      ) : (
        <OnCallTable items={items} zone={zone} byLevel={scope === 'service'} />
      )}
    </Section>
  );
}

function OnCallTable({ items, zone, byLevel }: { items: OnCallEntry[]; zone: string; byLevel: boolean }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label="On call">
        <Table.Thead>
          <Table.Tr>
            {byLevel && <Table.Th>Level</Table.Th>}
            <Table.Th>Person</Table.Th>
            <Table.Th>Through</Table.Th>
            <Table.Th>On call</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={`${e.level}-${e.schedule?.id}-${e.user.id}`}>
              {byLevel && <Table.Td>{e.level === null ? '—' : levelName(e.level)}</Table.Td>}
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Avatar size="sm" color={personColor(e.user.id)} radius="xl">
                    {initials(e.user.name)}
                  </Avatar>
                  <Text size="sm" fw={500}>
                    {e.user.name}
                  </Text>
                  {e.overrideId && (
                    <Badge size="xs" variant="light" color="grape">
                      override
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {e.schedule ? (
                  <Anchor component={Link} to={`/oncall/schedules/${e.schedule.id}`} size="sm">
                    {e.schedule.name}
                  </Anchor>
                ) : (
                  <Text size="sm">{e.policy ? `${e.policy.name} (named directly)` : '—'}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{e.end ? `until ${formatInZone(e.end, zone)}` : 'always, as named'}</Text>
                  {e.start && (
                    <Text size="xs" c="dimmed">
                      since {formatInZone(e.start, zone)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
