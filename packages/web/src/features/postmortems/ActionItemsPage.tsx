import { ACTION_ITEM_STATUSES, type ActionItem, roleAtLeast } from '@firebreak/shared';
import { Badge, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { useTeams, useUsers } from '../directory/directory.api.js';
import { ActionItemCard } from './ActionItemCard.js';
import { type ActionItemFilters, useActionItems, useOverdueSummary } from './postmortems.api.js';
import { ITEM_STATUS_LABEL } from './presentation.js';

type GroupBy = 'status' | 'owner' | 'team';
type Column = { key: string; title: string; items: ActionItem[] };

const STATUS_FILTERS = [
  { value: 'unfinished', label: 'Unfinished' },
  { value: 'all', label: 'Any status' },
  ...ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABEL[s] })),
];

/** Overdue first, then by due date (none last), then newest. */
function byUrgency(a: ActionItem, b: ActionItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due = (i: ActionItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
  return due(a) - due(b) || Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

function columnsOf(items: ActionItem[], groupBy: GroupBy, status: string): Column[] {
  if (groupBy === 'status') {
    const shown =
      status === 'unfinished'
        ? (['open', 'in_progress', 'blocked'] as const)
        : status === 'all'
          ? ACTION_ITEM_STATUSES
          : ACTION_ITEM_STATUSES.filter((s) => s === status);
    return shown.map((s) => ({
      key: s,
      title: ITEM_STATUS_LABEL[s],
      items: items.filter((i) => i.status === s).sort(byUrgency),
    }));
  }
  const columns = new Map<string, Column>();
  for (const item of items) {
    const who = groupBy === 'owner' ? item.owner : item.team;
    const key = who?.id ?? '';
    const title = who?.name ?? (groupBy === 'owner' ? 'No owner' : 'No team');
    const column = columns.get(key) ?? { key, title, items: [] };
    column.items.push(item);
    columns.set(key, column);
  }
  // People (or teams) with the most overdue work first; the unowned column last.
  const overdue = (c: Column) => c.items.filter((i) => i.overdue).length;
  return [...columns.values()]
    .map((c) => ({ ...c, items: c.items.sort(byUrgency) }))
    .sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : overdue(b) - overdue(a) || a.title.localeCompare(b.title)));
}

/**
 * The action items board (`/action-items`): every item from every postmortem, in columns by
 * status, owner or team, overdue ones first and marked, so nothing agreed in a review is forgotten.
 */
export default function ActionItemsPage() {
  useDocumentTitle('Action items · Firebreak');
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const [params, setParams] = useSearchParams();
  const groupBy = (
    ['status', 'owner', 'team'].includes(params.get('by') ?? '') ? params.get('by') : 'status'
  ) as GroupBy;
  const status = params.get('status') ?? 'unfinished';
  const owner = params.get('owner');
  const team = params.get('team');
  const overdueOnly = params.get('overdue') === '1';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const filters: ActionItemFilters = {
    status: status === 'all' ? undefined : status,
    overdue: overdueOnly ? 'true' : undefined,
    owner: owner ?? undefined,
    team: team ?? undefined,
  };
  const list = useActionItems(filters);
  const summary = useOverdueSummary();
  const users = useUsers();
  const teams = useTeams();
  const columns = columnsOf(list.items, groupBy, status);

  return (
    <Stack gap="md" maw={1600}>
      <Title order={1} size="h2">
        Action items
      </Title>
      {summary.data && (
        <Group gap="xs" aria-live="polite">
          <Text size="sm" c={summary.data.total > 0 ? 'red' : 'dimmed'} fw={summary.data.total > 0 ? 600 : undefined}>
            {summary.data.total === 0 ? 'Nothing overdue.' : `${summary.data.total} overdue:`}
          </Text>
          {summary.data.byPerson.slice(0, 6).map((p) => (
            <Badge key={p.person?.id ?? 'nobody'} variant="light" color="red">
              {p.person?.name ?? 'No owner'} {p.count}
            </Badge>
          ))}
        </Group>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Group by
          </Text>
          <SegmentedControl
            aria-label="Group by"
            value={groupBy}
            onChange={(v) => set('by', v === 'status' ? null : v)}
            data={[
              { value: 'status', label: 'Status' },
              { value: 'owner', label: 'Owner' },
              { value: 'team', label: 'Team' },
            ]}
          />
        </Stack>
        <Select
          label="Status"
          data={STATUS_FILTERS}
          value={status}
          onChange={(v) => set('status', v === 'unfinished' ? null : v)}
          allowDeselect={false}
          w={150}
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          data={[
            { value: 'me', label: 'Me' },
            ...users.items.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.name })),
          ]}
          value={owner}
          onChange={(v) => set('owner', v)}
          searchable
          clearable
          w={190}
        />
        <Select
          label="Team"
          placeholder="Any team"
          data={[{ value: 'mine', label: 'My teams' }, ...teams.items.map((t) => ({ value: t.id, label: t.name }))]}
          value={team}
          onChange={(v) => set('team', v)}
          searchable
          clearable
          w={190}
        />
        <Switch
          label="Only overdue"
          checked={overdueOnly}
          onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)}
          mb={8}
        />
      </Group>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.items.length === 0 && groupBy !== 'status' ? (
        <Text size="sm" c="dimmed">
          No action items match these filters.
        </Text>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Group gap="md" align="flex-start" wrap="nowrap">
            {columns.map((column) => (
              <Paper
                key={column.key}
                withBorder
                radius="md"
                p="sm"
                w={300}
                miw={300}
                bg="var(--mantine-color-default-hover)"
                component="section"
                aria-label={column.title}
              >
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Text fw={600} size="sm">
                      {column.title}
                    </Text>
                    <Badge variant="default" size="sm">
                      {column.items.length}
                    </Badge>
                  </Group>
                  {column.items.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      Nothing here.
                    </Text>
                  ) : (
                    column.items.map((item) => <ActionItemCard key={item.id} item={item} canWrite={canWrite} />)
                  )}
                </Stack>
              </Paper>
            ))}
          </Group>
        </ScrollArea>
      )}
      <LoadMore {...list} />
    </Stack>
  );
}
