import { type Alert, roleAtLeast } from '@firebreak/shared';
import {
  ActionIcon,
  Anchor,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { useServices } from '../directory/directory.api.js';
import { AlertEvents } from './AlertEvents.js';
import { AlertMarkers, GroupMarkers, SeverityBadge, StatusBadge } from './AlertMarkers.js';
import { useAlertGroup, useChangeState, useMarkNoise } from './alerts.api.js';
import { BulkBar } from './BulkBar.js';
import { GroupActions } from './GroupActions.js';
import { PromoteGroupModal } from './PromoteGroupModal.js';
import { useSelection } from './selection.js';

/** `/alerts/groups/:id`: one alert group, its alerts and each alert's events. */
export default function AlertGroupPage() {
  const { id = '' } = useParams();
  const { user: me } = useSignedIn();
  const canAct = roleAtLeast(me.role, 'responder');
  const group = useAlertGroup(id);
  const services = useServices();
  const change = useChangeState('alerts');
  const noise = useMarkNoise();
  const selection = useSelection();
  const [open, setOpen] = useState<string | null>(null);
  const [promoting, setPromoting] = useState(false);

  if (group.isPending) return <PageLoader />;
  if (group.isError) return <ErrorState error={group.error} onRetry={() => group.refetch()} />;
  const g = group.data;
  const ids = g.alerts.map((a) => a.id);
  const chosen = selection.keep(ids);
  const service = services.items.find((s) => s.id === g.serviceId);

  return (
    <Stack gap="md" maw={1400}>
      <Anchor component={Link} to="/alerts" size="sm">
        ← Alerts
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {g.title}
          </Title>
          <Group gap="xs">
            <StatusBadge status={g.status} />
            <SeverityBadge severity={g.severity} />
            <GroupMarkers group={g} alerts={g.alerts} />
          </Group>
        </Stack>
        {canAct && <GroupActions group={g} onPromote={() => setPromoting(true)} />}
      </Group>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Fact label="Service" value={service?.name ?? '…'} />
          <Fact label="Alerts" value={`${g.alertCount} (${g.openCount} open)`} />
          <Fact label="First seen" value={formatDateTime(g.firstAlertAt)} />
          <Fact label="Last seen" value={formatDateTime(g.lastAlertAt)} />
          <Fact label="Paging" value={g.notifyNote || g.notifyState} />
          <Fact label="Grouped by" value={g.groupKey ?? 'time window'} />
          <Fact
            label="Acknowledged"
            value={
              g.acknowledgedAt
                ? `${formatDateTime(g.acknowledgedAt)} by ${g.acknowledgedBy?.name ?? 'the sender'}`
                : '—'
            }
          />
          <Fact
            label="Resolved"
            value={g.resolvedAt ? `${formatDateTime(g.resolvedAt)} by ${g.resolvedBy?.name ?? 'the sender'}` : '—'}
          />
        </SimpleGrid>
        <Group gap="md" mt="sm">
          {g.pageId && (
            <Anchor component={Link} to={`/pages/${g.pageId}`} size="sm">
              Open its page
            </Anchor>
          )}
          {g.incidentId && (
            <Anchor component={Link} to={`/incidents/${g.incidentId}`} size="sm">
              Open its incident
            </Anchor>
          )}
        </Group>
      </Paper>

      {canAct && (
        <BulkBar
          count={chosen.length}
          what="alert"
          busy={change.isPending || noise.isPending}
          onAction={(action) => change.mutate({ ids: chosen, action }, { onSuccess: selection.clear })}
          onVerdict={(verdict) => noise.mutate({ ids: chosen, verdict })}
          onClear={selection.clear}
        />
      )}
      <ProblemAlert error={change.error ?? noise.error} />
      <Table.ScrollContainer minWidth={1000}>
        <Table verticalSpacing="sm" aria-label="Alerts">
          <Table.Thead>
            <Table.Tr>
              {canAct && (
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="Select all alerts"
                    checked={ids.length > 0 && chosen.length === ids.length}
                    indeterminate={chosen.length > 0 && chosen.length < ids.length}
                    onChange={(e) => selection.setAll(ids, e.currentTarget.checked)}
                  />
                </Table.Th>
              )}
              <Table.Th w={36} />
              <Table.Th>Alert</Table.Th>
              <Table.Th>Events</Table.Th>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>First seen</Table.Th>
              <Table.Th>Last event</Table.Th>
              {canAct && <Table.Th>Worth it?</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {g.alerts.map((alert) => (
              <Fragment key={alert.id}>
                <Table.Tr>
                  {canAct && (
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${alert.summary}`}
                        checked={selection.selected.has(alert.id)}
                        onChange={(e) => selection.toggle(alert.id, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${open === alert.id ? 'Hide' : 'Show'} events of ${alert.summary}`}
                      onClick={() => setOpen(open === alert.id ? null : alert.id)}
                    >
                      {open === alert.id ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td miw={280}>
                    <Text size="sm" fw={500}>
                      {alert.summary}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {alert.source} · {alert.format} · key {alert.dedupKey}
                    </Text>
                    <AlertMarkers alert={alert} />
                  </Table.Td>
                  <Table.Td>{alert.eventCount}</Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={alert.severity} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={alert.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(alert.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(alert.lastEventAt)}</Table.Td>
                  {canAct && (
                    <Table.Td>
                      <Verdict alert={alert} onMark={(verdict) => noise.mutate({ ids: [alert.id], verdict })} />
                    </Table.Td>
                  )}
                </Table.Tr>
                {open === alert.id && (
                  <Table.Tr>
                    <Table.Td colSpan={canAct ? 9 : 7}>
                      <AlertEvents alertId={alert.id} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PromoteGroupModal group={promoting ? g : null} onClose={() => setPromoting(false)} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

/** Useful / noisy for one alert; pressing the current verdict again clears it. */
function Verdict({ alert, onMark }: { alert: Alert; onMark: (verdict: 'useful' | 'noisy' | null) => void }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label="Useful: worth someone's attention" withArrow>
        <ActionIcon
          variant={alert.noise === 'useful' ? 'filled' : 'subtle'}
          color="teal"
          aria-label={`Mark ${alert.summary} useful`}
          aria-pressed={alert.noise === 'useful'}
          onClick={() => onMark(alert.noise === 'useful' ? null : 'useful')}
        >
          <IconThumbUp size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Noisy: should not have woken anyone" withArrow>
        <ActionIcon
          variant={alert.noise === 'noisy' ? 'filled' : 'subtle'}
          color="orange"
          aria-label={`Mark ${alert.summary} noisy`}
          aria-pressed={alert.noise === 'noisy'}
          onClick={() => onMark(alert.noise === 'noisy' ? null : 'noisy')}
        >
          <IconThumbDown size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
