import type { ComponentGroup, ComponentStatus, StatusComponent } from '@firebreak/shared';
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { ComponentFormModal } from './ComponentFormModal.js';
import { GroupFormModal } from './GroupFormModal.js';
import { STATUS_COLORS, STATUS_OPTIONS } from './presentation.js';
import {
  useComponents,
  useDeleteComponent,
  useDeleteGroup,
  usePatchComponent,
  useSaveGroup,
} from './statuspage.api.js';

type Editing = null | { component: StatusComponent | null } | { group: ComponentGroup | null };

/** Up/down buttons that swap a thing's position with its neighbour's. */
function MoveButtons({
  label,
  onMove,
  first,
  last,
}: {
  label: string;
  onMove: (by: -1 | 1) => void;
  first: boolean;
  last: boolean;
}) {
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        size="sm"
        disabled={first}
        aria-label={`Move ${label} up`}
        onClick={() => onMove(-1)}
      >
        <IconArrowUp size={14} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        size="sm"
        disabled={last}
        aria-label={`Move ${label} down`}
        onClick={() => onMove(1)}
      >
        <IconArrowDown size={14} />
      </ActionIcon>
    </Group>
  );
}

export function ComponentsTab() {
  const list = useComponents();
  const patch = usePatchComponent();
  const saveGroup = useSaveGroup();
  const removeComponent = useDeleteComponent();
  const removeGroup = useDeleteGroup();
  const [editing, setEditing] = useState<Editing>(null);

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const { groups, components } = list.data;
  const byPosition = <T extends { position: number }>(items: T[]) => [...items].sort((a, b) => a.position - b.position);
  const sortedGroups = byPosition(groups);
  const sections: { group: ComponentGroup | null; items: StatusComponent[] }[] = [
    { group: null, items: byPosition(components.filter((c) => c.groupId === null)) },
    ...sortedGroups.map((group) => ({ group, items: byPosition(components.filter((c) => c.groupId === group.id)) })),
  ];

  // Positions are swapped, not renumbered: two writes, whatever the gaps between positions.
  const swap = async <T extends { id: string; position: number }>(
    items: T[],
    index: number,
    by: -1 | 1,
    write: (id: string, position: number) => Promise<unknown>,
  ) => {
    const a = items[index]!;
    const b = items[index + by]!;
    const [pa, pb] = a.position === b.position ? [index + by, index] : [b.position, a.position];
    await write(a.id, pa);
    await write(b.id, pb);
  };

  const row = (c: StatusComponent, index: number, items: StatusComponent[]) => (
    <Group
      key={c.id}
      justify="space-between"
      wrap="nowrap"
      data-testid="status-component"
      aria-label={c.name}
      role="group"
    >
      <Group gap="sm" wrap="nowrap">
        <MoveButtons
          label={c.name}
          first={index === 0}
          last={index === items.length - 1}
          onMove={(by) => swap(items, index, by, (id, position) => patch.mutateAsync({ id, position }))}
        />
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {c.name}
          </Text>
          {c.description && (
            <Text size="xs" c="dimmed">
              {c.description}
            </Text>
          )}
        </Stack>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Badge color={STATUS_COLORS[c.status]} variant="light" visibleFrom="sm">
          {STATUS_OPTIONS.find((o) => o.value === c.status)?.label}
        </Badge>
        <Select
          aria-label={`Status of ${c.name}`}
          size="xs"
          w={200}
          data={STATUS_OPTIONS}
          value={c.status}
          allowDeselect={false}
          onChange={(status) => status && patch.mutate({ id: c.id, status: status as ComponentStatus })}
        />
        <Button size="xs" variant="subtle" aria-label={`Edit ${c.name}`} onClick={() => setEditing({ component: c })}>
          Edit
        </Button>
        <ConfirmButton
          title={`Remove ${c.name}?`}
          message="It disappears from the public page together with its uptime history."
          aria-label={`Remove ${c.name}`}
          onConfirm={() => removeComponent.mutateAsync(c)}
          pending={removeComponent.isPending}
          error={removeComponent.error}
        >
          Remove
        </ConfirmButton>
      </Group>
    </Group>
  );

  return (
    <Section
      title="Components"
      description="What customers see on the page, in groups. Set a status by hand here; incidents and maintenance set it for you."
      action={
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ group: null })}>
            New group
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ component: null })}>
            New component
          </Button>
        </Group>
      }
    >
      <ProblemAlert error={patch.error ?? saveGroup.error} />
      {components.length === 0 && groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          No components yet. Add one per thing customers use, e.g. Website, API, Checkout.
        </Text>
      ) : (
        sections.map(({ group, items }) =>
          group === null && items.length === 0 ? null : (
            <Paper key={group?.id ?? 'top'} withBorder p="sm" radius="md">
              <Stack gap="xs">
                {group && (
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="sm">
                      <MoveButtons
                        label={`group ${group.name}`}
                        first={sortedGroups[0] === group}
                        last={sortedGroups[sortedGroups.length - 1] === group}
                        onMove={(by) =>
                          swap(sortedGroups, sortedGroups.indexOf(group), by, (id, position) =>
                            saveGroup.mutateAsync({ id, position }),
                          )
                        }
                      />
                      <Text fw={600}>{group.name}</Text>
                    </Group>
                    <Group gap={4}>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Edit group ${group.name}`}
                        onClick={() => setEditing({ group })}
                      >
                        Edit
                      </Button>
                      <ConfirmButton
                        title={`Remove group ${group.name}?`}
                        message="Its components stay, shown without a group."
                        aria-label={`Remove group ${group.name}`}
                        onConfirm={() => removeGroup.mutateAsync(group)}
                        pending={removeGroup.isPending}
                        error={removeGroup.error}
                      >
                        Remove
                      </ConfirmButton>
                    </Group>
                  </Group>
                )}
                {items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No components in this group.
                  </Text>
                ) : (
                  items.map((c, i) => row(c, i, items))
                )}
              </Stack>
            </Paper>
          ),
        )
      )}
      {editing && 'component' in editing && (
        <ComponentFormModal component={editing.component} groups={sortedGroups} onClose={() => setEditing(null)} />
      )}
      {editing && 'group' in editing && <GroupFormModal group={editing.group} onClose={() => setEditing(null)} />}
    </Section>
  );
}
