import type { ActionItem, ActionItemKind, ActionItemPriority, PostmortemDetail } from '@firebreak/shared';
import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { PersonSelect } from '../incidents/PersonSelect.js';
import { DueField, OwnerField, PriorityField, StatusField, TrackerField, useItemPatch } from './ActionItemFields.js';
import { useCreateActionItem } from './postmortems.api.js';
import { dateInputToIso, KIND_LABEL, optionsOf, PRIORITY_LABEL } from './presentation.js';

/** The postmortem's action items, edited in place, and a form for the next one. */
export function ActionItemsEditor({ pm, editable }: { pm: PostmortemDetail; editable: boolean }) {
  return (
    <Stack gap="sm">
      {pm.actionItems.length === 0 ? (
        <Text size="sm" c="dimmed">
          No action items yet. Each one needs an owner and a due date to get done.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table verticalSpacing="xs" aria-label="Action items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Tracker</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pm.actionItems.map((item) => (
                <ItemRow key={item.id} item={item} editable={editable} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editable && <NewActionItem pm={pm} />}
    </Stack>
  );
}

function ItemRow({ item, editable }: { item: ActionItem; editable: boolean }) {
  const { update, patch } = useItemPatch(item);
  const fields = { item, patch, disabled: !editable || update.isPending };
  return (
    <>
      <Table.Tr data-overdue={item.overdue || undefined}>
        <Table.Td maw={300}>
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {item.title}
            </Text>
            <Group gap={4}>
              <Badge size="xs" variant="outline" color={item.kind === 'immediate' ? 'red' : 'gray'}>
                {KIND_LABEL[item.kind]}
              </Badge>
              {item.team && (
                <Text size="xs" c="dimmed">
                  {item.team.name}
                </Text>
              )}
              {item.overdue && (
                <Badge size="xs" color="red">
                  Overdue
                </Badge>
              )}
            </Group>
          </Stack>
        </Table.Td>
        <Table.Td>
          <OwnerField {...fields} />
        </Table.Td>
        <Table.Td>
          <DueField {...fields} />
        </Table.Td>
        <Table.Td>
          <PriorityField {...fields} />
        </Table.Td>
        <Table.Td>
          <StatusField {...fields} />
        </Table.Td>
        <Table.Td>
          <TrackerField {...fields} />
        </Table.Td>
      </Table.Tr>
      {update.error ? (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <ProblemAlert error={update.error} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

type NewItem = {
  title: string;
  ownerId: string | null;
  due: string;
  priority: ActionItemPriority;
  kind: ActionItemKind;
  trackerUrl: string;
};

const emptyItem = (): NewItem => ({
  title: '',
  ownerId: null,
  due: '',
  priority: 'medium',
  kind: 'long_term',
  trackerUrl: '',
});

function NewActionItem({ pm }: { pm: PostmortemDetail }) {
  const create = useCreateActionItem();
  const [item, setItem] = useState<NewItem>(emptyItem);
  const errors = fieldErrors(create.error);
  const set = (patch: Partial<NewItem>) => setItem({ ...item, ...patch });

  const submit = () =>
    create.mutate(
      {
        from: { kind: 'postmortem', id: pm.id },
        title: item.title,
        kind: item.kind,
        priority: item.priority,
        ownerId: item.ownerId,
        dueAt: dateInputToIso(item.due),
        trackerUrl: item.trackerUrl.trim() || null,
      },
      { onSuccess: () => setItem(emptyItem()) },
    );

  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      component="form"
      aria-label="New action item"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label="New action item"
            placeholder="e.g. Alert when certificate expiry is under 14 days"
            value={item.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={errors.title}
            style={{ flex: 1, minWidth: 260 }}
          />
          <PersonSelect
            label="Owner"
            placeholder="Who does it"
            value={item.ownerId}
            onChange={(ownerId) => set({ ownerId })}
            clearable
            w={190}
          />
          <TextInput
            label="Due"
            type="date"
            value={item.due}
            onChange={(e) => set({ due: e.currentTarget.value })}
            w={150}
          />
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label="Kind"
            data={optionsOf(KIND_LABEL)}
            value={item.kind}
            onChange={(kind) => kind && set({ kind: kind as ActionItemKind })}
            allowDeselect={false}
            w={130}
          />
          <Select
            label="Priority"
            data={optionsOf(PRIORITY_LABEL)}
            value={item.priority}
            onChange={(priority) => priority && set({ priority: priority as ActionItemPriority })}
            allowDeselect={false}
            w={110}
          />
          <TextInput
            label="Tracker link"
            placeholder="Jira, Linear or GitHub issue"
            value={item.trackerUrl}
            onChange={(e) => set({ trackerUrl: e.currentTarget.value })}
            error={errors.trackerUrl}
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={14} />}
            loading={create.isPending}
            disabled={item.title.trim().length < 3}
          >
            Add action item
          </Button>
        </Group>
        <ProblemAlert error={create.error} fields={['title', 'trackerUrl']} />
      </Stack>
    </Paper>
  );
}
