import { Table, Text } from '@mantine/core';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { CHANNEL_LABEL } from './PageBadges.js';
import { useFailingMethods } from './paging.api.js';

/** Admins: contact methods whose latest notifications failed, so someone can fix them before a real page. */
export function FailingMethodsSection() {
  const failing = useFailingMethods(true);
  return (
    <Section
      title="Failing contact methods"
      description="Methods whose latest notifications in the last 30 days could not be delivered."
    >
      {failing.isPending ? (
        <PageLoader />
      ) : failing.isError ? (
        <ErrorState error={failing.error} onRetry={() => failing.refetch()} />
      ) : failing.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every contact method delivered its latest notification.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-label="Failing contact methods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th>Failures in a row</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>Last failed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failing.data.items.map((m) => (
                <Table.Tr key={m.contactMethodId}>
                  <Table.Td>{m.user.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {CHANNEL_LABEL[m.kind] ?? m.kind} · {m.label}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                      {m.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>{m.failures}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="red">
                      {m.lastError ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(m.lastFailedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
