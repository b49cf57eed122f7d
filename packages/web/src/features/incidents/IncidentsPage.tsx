import { roleAtLeast } from '@firebreak/shared';
import { Anchor, Button, Group, Indicator, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { API } from '../../api/client.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { DeclareIncidentButton } from './DeclareIncidentButton.js';
import { OverdueBadge, SeverityBadge, StatusBadge } from './IncidentBadges.js';
import { IncidentFilters, readFilters, toQuery, writeFilters } from './IncidentFilters.js';
import { keys, useIncidentCounts, useIncidentList } from './incidents.api.js';
import { LiveIndicator } from './LiveIndicator.js';
import { useLiveRefresh, useNow } from './live.js';
import { countdown, formatDuration } from './presentation.js';

export default function IncidentsPage() {
  const { user: me } = useSignedIn();
  const canDeclare = roleAtLeast(me.role, 'responder');
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = useIncidentList(toQuery(filters));
  const counts = useIncidentCounts();
  const { live } = useLiveRefresh(`${API}/incidents/events`, [keys.incidents]);
  const now = useNow(15_000);
  const triage = counts.data?.byStatus.triage ?? 0;

  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            Incidents
          </Title>
          <LiveIndicator live={live} />
        </Group>
        <Group gap="sm">
          <Indicator label={triage} size={18} disabled={triage === 0} color="violet">
            <Button variant="default" component={Link} to="/incidents/triage" leftSection={<IconInbox size={16} />}>
              Triage queue
            </Button>
          </Indicator>
          {canDeclare && <DeclareIncidentButton />}
        </Group>
      </Group>

      {counts.data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {counts.data.open} open
          {counts.data.updateOverdue > 0 && (
            <Text span c="red" fw={600}>
              {' '}
              · {counts.data.updateOverdue} with an overdue update
            </Text>
          )}
        </Text>
      )}

      <IncidentFilters value={filters} onChange={(next) => setParams(writeFilters(next), { replace: true })} />

      <Paper withBorder radius="md">
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : list.items.length === 0 ? (
          <Text p="lg" c="dimmed" size="sm">
            No incidents match these filters. {filters.statuses.length > 0 && 'Resolved ones are hidden by default.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Incidents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Incident</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Commander</Table.Th>
                  <Table.Th>Age</Table.Th>
                  <Table.Th>Next update</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((incident) => {
                  const started = incident.declaredAt ?? incident.createdAt;
                  const ended = incident.resolvedAt ?? incident.closedAt;
                  const due = incident.nextUpdateDueAt ? countdown(incident.nextUpdateDueAt, now, false) : null;
                  return (
                    <Table.Tr key={incident.id}>
                      <Table.Td maw={420}>
                        <Stack gap={2}>
                          <Anchor component={Link} to={`/incidents/${incident.number}`} fw={600} size="sm">
                            <Text span c="dimmed" ff="monospace" size="sm" mr={6}>
                              {incident.number}
                            </Text>
                            {incident.title}
                          </Anchor>
                          {incident.services.length > 0 && (
                            <Text size="xs" c="dimmed" truncate>
                              {incident.services.map((s) => s.name).join(', ')}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <SeverityBadge severity={incident.severity} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <StatusBadge status={incident.status} />
                          {incident.updateOverdue && <OverdueBadge dueAt={incident.nextUpdateDueAt} size="sm" />}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={incident.commander ? undefined : 'dimmed'}>
                          {incident.commander?.name ?? 'Nobody yet'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={formatDateTime(started)}>
                          {formatDuration((ended ? Date.parse(ended) : now) - Date.parse(started))}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={due?.overdue ? 'red' : 'dimmed'} fw={due?.overdue ? 600 : undefined}>
                          {due ? due.text : '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <LoadMore {...list} />
    </Stack>
  );
}
