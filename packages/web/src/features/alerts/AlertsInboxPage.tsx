import { type AlertGroup, roleAtLeast } from '@firebreak/shared';
import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { useServices } from '../directory/directory.api.js';
import { AlertMarkers, GroupMarkers, SeverityBadge, StatusBadge } from './AlertMarkers.js';
import { AlertsNav } from './AlertsNav.js';
import {
  type StatusFilter,
  useAlertGroups,
  useAlertsOf,
  useChangeState,
  useIntegrations,
  useMarkGroupsNoise,
} from './alerts.api.js';
import { BulkBar } from './BulkBar.js';
import { GroupActions } from './GroupActions.js';
import { PromoteGroupModal } from './PromoteGroupModal.js';
import { urgencyOf } from './presentation.js';
import { useSelection } from './selection.js';

const STATUSES: StatusFilter[] = ['open', 'triggered', 'acknowledged', 'resolved', 'any'];
/** Alerts shown under each group in the list; the group's page has them all. */
const PREVIEW = 3;

/** `/alerts`: the open alert groups with their alerts, and what to do about them. */
export default function AlertsInboxPage() {
  const { user: me } = useSignedIn();
  const canAct = roleAtLeast(me.role, 'responder');
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'open';
  const serviceId = params.get('service') ?? undefined;
  const groups = useAlertGroups(status, serviceId);
  const alerts = useAlertsOf(status, serviceId);
  const services = useServices();
  const integrations = useIntegrations(undefined);
  const serviceName = new Map(services.items.map((s) => [s.id, s.name]));
  const integration = new Map(integrations.items.map((i) => [i.id, i]));
  const selection = useSelection();
  const change = useChangeState('alert-groups');
  const noise = useMarkGroupsNoise();
  const [promoting, setPromoting] = useState<AlertGroup | null>(null);
  const { refetch } = groups;
  // New alerts arrive while the inbox is open.
  useEffect(() => {
    const timer = setInterval(() => refetch(), 5_000);
    return () => clearInterval(timer);
  }, [refetch]);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    selection.clear();
  };
  const ids = groups.items.map((g) => g.id);
  const chosen = selection.keep(ids);
  const allChosen = ids.length > 0 && chosen.length === ids.length;

  return (
    <Stack gap="md" maw={1400}>
      <AlertsNav current="inbox" />
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Which alert groups"
          value={status}
          onChange={(v) => set('status', v)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'triggered', label: 'Triggered' },
            { value: 'acknowledged', label: 'Acknowledged' },
            { value: 'resolved', label: 'Resolved' },
            { value: 'any', label: 'All' },
          ]}
        />
        <Select
          aria-label="Service"
          placeholder="All services"
          clearable
          searchable
          w={240}
          data={services.items.map((s) => ({ value: s.id, label: s.name }))}
          value={serviceId ?? null}
          onChange={(v) => set('service', v)}
        />
      </Group>
      {canAct && (
        <BulkBar
          count={chosen.length}
          what="alert group"
          busy={change.isPending || noise.isPending}
          onAction={(action) => change.mutate({ ids: chosen, action }, { onSuccess: selection.clear })}
          onVerdict={(verdict) => noise.mutate({ groupIds: chosen, verdict })}
          onClear={selection.clear}
        />
      )}
      <ProblemAlert error={change.error ?? noise.error} />

      {groups.isPending ? (
        <PageLoader />
      ) : groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => groups.refetch()} />
      ) : groups.items.length === 0 ? (
        <Text c="dimmed" size="sm" py="lg">
          {status === 'open' ? 'No open alerts. Quiet is good.' : 'No alert groups here.'}{' '}
          <Anchor component={Link} to="/alerts/integrations" size="sm">
            Connect a monitoring tool
          </Anchor>{' '}
          to receive alerts.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1100}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Alert groups">
            <Table.Thead>
              <Table.Tr>
                {canAct && (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label="Select all alert groups"
                      checked={allChosen}
                      indeterminate={chosen.length > 0 && !allChosen}
                      onChange={(e) => selection.setAll(ids, e.currentTarget.checked)}
                    />
                  </Table.Th>
                )}
                <Table.Th>Alert group</Table.Th>
                <Table.Th>Service</Table.Th>
                <Table.Th>Alerts</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Urgency</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>First / last seen</Table.Th>
                {canAct && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.items.map((group) => {
                const its = alerts.data?.get(group.id) ?? [];
                return (
                  <Table.Tr key={group.id} data-testid={`group-${group.id}`}>
                    {canAct && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select ${group.title}`}
                          checked={selection.selected.has(group.id)}
                          onChange={(e) => selection.toggle(group.id, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td miw={260}>
                      <Stack gap={4}>
                        <Anchor component={Link} to={`/alerts/groups/${group.id}`} fw={600} size="sm">
                          {group.title}
                        </Anchor>
                        <GroupMarkers group={group} alerts={its} />
                        {its.slice(0, PREVIEW).map((alert) => (
                          <Group key={alert.id} gap={6} wrap="nowrap">
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {alert.summary} · {alert.source} · ×{alert.eventCount}
                            </Text>
                            <AlertMarkers alert={alert} />
                          </Group>
                        ))}
                        {its.length > PREVIEW && (
                          <Text size="xs" c="dimmed">
                            and {its.length - PREVIEW} more
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{serviceName.get(group.serviceId) ?? '…'}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" data-testid="alert-counts">
                        {group.alertCount} alert{group.alertCount === 1 ? '' : 's'}, {group.openCount} open
                      </Text>
                      <Text size="xs" c="dimmed" data-testid="event-counts">
                        {its.reduce((sum, a) => sum + a.eventCount, 0)} events
                      </Text>
                    </Table.Td>
                    <Table.Td miw={120} style={{ whiteSpace: 'nowrap' }}>
                      <SeverityBadge severity={group.severity} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <UrgencyBadge urgency={urgencyOf(group, integration.get(group.integrationId ?? ''))} />
                    </Table.Td>
                    <Table.Td miw={120} style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={group.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatDateTime(group.firstAlertAt)}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(group.lastAlertAt)}
                      </Text>
                    </Table.Td>
                    {canAct && (
                      <Table.Td>
                        <GroupActions group={group} onPromote={setPromoting} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...groups} />
      <PromoteGroupModal group={promoting} onClose={() => setPromoting(null)} />
    </Stack>
  );
}

function UrgencyBadge({ urgency }: { urgency: 'high' | 'low' }) {
  return (
    <Badge size="sm" variant={urgency === 'high' ? 'filled' : 'outline'} color={urgency === 'high' ? 'red' : 'gray'}>
      {urgency}
    </Badge>
  );
}
