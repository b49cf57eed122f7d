import { roleAtLeast } from '@firebreak/shared';
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconBellPlus } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { FailingMethodsSection } from './FailingMethodsSection.js';
import { PageActions } from './PageActions.js';
import { PageStatusBadge, UrgencyBadge } from './PageBadges.js';
import { type Scope, type StatusFilter, usePages } from './paging.api.js';
import { ReadinessSection } from './ReadinessSection.js';

/** `/pages`: the pages that reached me (or everyone's), with what to do about each. */
export default function PagesPage() {
  const { user: me } = useSignedIn();
  const canPage = roleAtLeast(me.role, 'responder');
  const isAdmin = me.role === 'admin';
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get('scope') === 'all' ? 'all' : 'mine';
  const status = (['open', 'resolved', 'any'] as const).find((s) => s === params.get('status')) ?? 'open';
  const pages = usePages(scope, status);
  const { refetch } = pages;
  // Someone else may acknowledge, or a new page may arrive, while this list is open.
  useEffect(() => {
    const timer = setInterval(() => refetch(), 10_000);
    return () => clearInterval(timer);
  }, [refetch]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2">
          {scope === 'mine' ? 'My pages' : 'All pages'}
        </Title>
        {canPage && (
          <Button component={Link} to="/pages/new" color="red" variant="light" leftSection={<IconBellPlus size={16} />}>
            Page someone
          </Button>
        )}
      </Group>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Whose pages"
          value={scope}
          onChange={(v) => set('scope', v)}
          data={[
            { value: 'mine', label: 'Mine' },
            { value: 'all', label: 'Everyone' },
          ]}
        />
        <SegmentedControl
          aria-label="Which pages"
          value={status}
          onChange={(v) => set('status', v as StatusFilter)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'resolved', label: 'Resolved' },
            { value: 'any', label: 'All' },
          ]}
        />
      </Group>

      {pages.isPending ? (
        <PageLoader />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} />
      ) : pages.items.length === 0 ? (
        <Text c="dimmed" size="sm" py="lg">
          {status === 'open'
            ? scope === 'mine'
              ? 'Nothing open for you. Quiet is good.'
              : 'No open pages.'
            : 'No pages here yet.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Pages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Page</Table.Th>
                <Table.Th>Urgency</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Started</Table.Th>
                {canPage && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pages.items.map((page) => (
                <Table.Tr key={page.id}>
                  <Table.Td miw={240}>
                    <Anchor component={Link} to={`/pages/${page.id}`} fw={600} size="sm">
                      {page.summary}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {page.source === 'manual'
                        ? `Paged by ${page.createdBy?.name ?? 'someone'}`
                        : `From an ${page.source}`}
                      {page.acknowledgedBy && ` · acknowledged by ${page.acknowledgedBy.name}`}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <UrgencyBadge urgency={page.urgency} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <PageStatusBadge status={page.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDateTime(page.createdAt)}</Text>
                  </Table.Td>
                  {canPage && (
                    <Table.Td>
                      <PageActions page={page} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...pages} />
      <ReadinessSection />
      {isAdmin && <FailingMethodsSection />}
    </Stack>
  );
}
