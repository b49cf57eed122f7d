import { Code, Table, Text } from '@mantine/core';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { SeverityBadge } from './AlertMarkers.js';
import { useAlertDetail } from './alerts.api.js';

/** The events an alert received, latest first, loaded when someone opens them. */
export function AlertEvents({ alertId }: { alertId: string }) {
  const detail = useAlertDetail(alertId);
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  return (
    <Table withTableBorder aria-label="Events" verticalSpacing={4} fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Received</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Severity</Table.Th>
          <Table.Th>Summary</Table.Th>
          <Table.Th>Details</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.data.events.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.receivedAt)}</Table.Td>
            <Table.Td>{event.action}</Table.Td>
            <Table.Td>{event.severity ? <SeverityBadge severity={event.severity} /> : '—'}</Table.Td>
            <Table.Td>{event.summary}</Table.Td>
            <Table.Td maw={420}>
              {event.details == null ? (
                <Text size="xs" c="dimmed">
                  —
                </Text>
              ) : (
                <Code block fz="xs" style={{ maxHeight: 160, overflow: 'auto' }}>
                  {JSON.stringify(event.details, null, 2)}
                </Code>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
