import type { PostmortemSummary } from '@firebreak/shared';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { API, api } from '../../api/client.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { SeverityBadge } from '../incidents/IncidentBadges.js';
import { PostmortemOverdueBadge, PostmortemStatusBadge } from './PostmortemBadges.js';
import { PostmortemFilters, readFilters, toQuery, writeFilters } from './PostmortemFilters.js';
import { keys, usePostmortemList } from './postmortems.api.js';

/** The repository (`/postmortems`): every postmortem, newest first, searchable and filterable. */
export default function PostmortemsPage() {
  useDocumentTitle('Postmortems · Firebreak');
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = usePostmortemList(toQuery(filters));
  const overdue = useQuery({
    queryKey: [...keys.lists, 'overdue'],
    queryFn: () => api.get<{ items: PostmortemSummary[] }>(`${API}/postmortems/overdue`).then((r) => r.items),
  });
  const knownTags = [...new Set(list.items.flatMap((p) => p.tags))].sort();
  const knownFactors = [...new Set(list.items.flatMap((p) => p.factors))].sort();

  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2">
          Postmortems
        </Title>
        <Button variant="default" component={Link} to="/action-items" leftSection={<IconChecklist size={16} />}>
          Action items
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Blameless write-ups of resolved incidents. Drafts start by themselves when an incident that needs one is
        resolved; open an incident to start one for any other.
        {(overdue.data?.length ?? 0) > 0 && (
          <Text span c="red" fw={600}>
            {' '}
            {overdue.data!.length} overdue.
          </Text>
        )}
      </Text>

      <PostmortemFilters
        value={filters}
        onChange={(next) => setParams(writeFilters(next), { replace: true })}
        knownTags={knownTags}
        knownFactors={knownFactors}
      />

      <Paper withBorder radius="md">
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : list.items.length === 0 ? (
          <Text p="lg" c="dimmed" size="sm">
            No postmortems match these filters.{' '}
            {filters.q && 'Search looks only at published postmortems; drafts are not indexed yet.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Postmortems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Postmortem</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Tags and factors</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((pm) => (
                  <PostmortemRow key={pm.id} pm={pm} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <LoadMore {...list} />
    </Stack>
  );
}

function PostmortemRow({ pm }: { pm: PostmortemSummary }) {
  return (
    <Table.Tr data-overdue={pm.overdue || undefined} bg={pm.overdue ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Td maw={420}>
        <Stack gap={2}>
          <Anchor component={Link} to={`/postmortems/${pm.incident.number}`} fw={600} size="sm">
            <Text span c="dimmed" ff="monospace" size="sm" mr={6}>
              {pm.incident.number}
            </Text>
            {pm.title}
          </Anchor>
          {pm.incident.services.length > 0 && (
            <Text size="xs" c="dimmed" truncate>
              {pm.incident.services.map((s) => s.name).join(', ')}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <SeverityBadge severity={pm.incident.severity} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <PostmortemStatusBadge status={pm.status} />
          <PostmortemOverdueBadge postmortem={pm} size="sm" />
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={pm.owner ? undefined : 'dimmed'}>
          {pm.owner?.name ?? 'Nobody'}
        </Text>
      </Table.Td>
      <Table.Td>
        {pm.status === 'published' ? (
          <Text size="sm" c="dimmed" title={formatDateTime(pm.publishedAt)}>
            Published {formatDate(pm.publishedAt)}
          </Text>
        ) : (
          <Text size="sm" c={pm.overdue ? 'red' : undefined} fw={pm.overdue ? 600 : undefined}>
            {formatDateTime(pm.status === 'draft' ? (pm.dueAt ?? pm.publishDueAt) : pm.publishDueAt)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {pm.tags.map((t) => (
            <Badge key={`t-${t}`} size="sm" variant="outline" color="gray">
              #{t}
            </Badge>
          ))}
          {pm.factors.map((f) => (
            <Badge key={`f-${f}`} size="sm" variant="light" color="grape">
              {f}
            </Badge>
          ))}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
