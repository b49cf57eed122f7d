import type { PostmortemDetail, PostmortemTimelineEntry } from '@firebreak/shared';
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDuration, kindLabel, localInputToIso, toLocalInput } from '../incidents/presentation.js';
import { useAddTimelineEntry, useDeleteTimelineEntry, useEditTimelineEntry } from './postmortems.api.js';

/**
 * The postmortem's own copy of the incident timeline, with the time between entries so slow
 * stretches stand out. Edits change only this copy; the incident keeps its record.
 */
export function TimelineEditor({ pm, editable }: { pm: PostmortemDetail; editable: boolean }) {
  const remove = useDeleteTimelineEntry(pm.id);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <Stack gap="sm">
      {pm.timeline.length === 0 ? (
        <Text size="sm" c="dimmed">
          No entries yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="Postmortem timeline" data-testid="pm-timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>When</Table.Th>
                <Table.Th w={90}>After</Table.Th>
                <Table.Th>What happened</Table.Th>
                {editable && <Table.Th w={80} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pm.timeline.map((entry) =>
                editing === entry.id ? (
                  <Table.Tr key={entry.id}>
                    <Table.Td colSpan={4}>
                      <EntryForm pmRef={pm.id} entry={entry} onDone={() => setEditing(null)} />
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={entry.id} data-kind={entry.kind}>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(entry.happenedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" title="Time since the entry before" fw={slow(entry) ? 600 : undefined}>
                        {entry.sincePreviousMs == null ? 'start' : `+${formatDuration(entry.sincePreviousMs)}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }} mt={3}>
                          {kindLabel(entry.kind)}
                        </Badge>
                        <Stack gap={0}>
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {entry.text}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {entry.actor?.name}
                            {entry.edited && ' · edited in the postmortem'}
                          </Text>
                        </Stack>
                      </Group>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap" justify="flex-end">
                          <Tooltip label="Edit entry">
                            <ActionIcon
                              variant="subtle"
                              size="sm"
                              aria-label={`Edit entry at ${formatDateTime(entry.happenedAt)}`}
                              onClick={() => setEditing(entry.id)}
                            >
                              <IconPencil size={14} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Remove from the postmortem (the incident keeps it)">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              size="sm"
                              aria-label={`Remove entry at ${formatDateTime(entry.happenedAt)}`}
                              loading={remove.isPending && remove.variables === entry.id}
                              onClick={() => remove.mutate(entry.id)}
                            >
                              <IconTrash size={14} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProblemAlert error={remove.error} />
      {editable && <EntryForm pmRef={pm.id} after={pm.timeline.at(-1)} />}
    </Stack>
  );
}

/** Gaps of half an hour or more are where the story usually is. */
const slow = (entry: PostmortemTimelineEntry) => (entry.sincePreviousMs ?? 0) >= 30 * 60_000;

/** Adds a row (no `entry`) or edits one. */
function EntryForm({
  pmRef,
  entry,
  after,
  onDone,
}: {
  pmRef: string;
  entry?: PostmortemTimelineEntry;
  after?: PostmortemTimelineEntry | undefined;
  onDone?: () => void;
}) {
  const add = useAddTimelineEntry(pmRef);
  const edit = useEditTimelineEntry(pmRef);
  const start = entry?.happenedAt ?? after?.happenedAt;
  const [when, setWhen] = useState(start ? toLocalInput(Date.parse(start)) : '');
  const [text, setText] = useState(entry?.text ?? '');
  const mutation = entry ? edit : add;
  const happenedAt = localInputToIso(when);

  const submit = () => {
    if (!happenedAt || !text.trim()) return;
    if (entry) {
      edit.mutate({ id: entry.id, text, happenedAt }, { onSuccess: () => onDone?.() });
    } else {
      add.mutate({ text, happenedAt, kind: 'note' }, { onSuccess: () => setText('') });
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          type="datetime-local"
          aria-label={entry ? 'Entry time' : 'New entry time'}
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
          w={210}
        />
        <Textarea
          aria-label={entry ? 'Entry text' : 'New entry text'}
          placeholder={entry ? undefined : 'Add what happened, e.g. "Rollback finished, errors back to normal"'}
          autosize
          minRows={1}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Button size="sm" variant={entry ? 'filled' : 'default'} loading={mutation.isPending} onClick={submit}>
          {entry ? 'Save' : 'Add entry'}
        </Button>
        {entry && (
          <Button size="sm" variant="subtle" color="gray" onClick={onDone}>
            Cancel
          </Button>
        )}
      </Group>
      <ProblemAlert error={mutation.error} />
    </Stack>
  );
}
