import { ActionIcon, Group, Input, Paper, Select, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { usePeople } from './people.js';
import { move } from './policy.draft.js';

/** The rotation order: people in turn, reorderable; a person may appear more than once. */
export function ParticipantsEditor({
  value,
  onChange,
  error,
  layerName,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  layerName: string;
}) {
  const people = usePeople();
  // The picker empties itself after each pick, ready for the next person.
  const [pickerKey, setPickerKey] = useState(0);

  return (
    <Input.Wrapper
      label="Participants"
      description="In rotation order: the first person starts on the start date, then each takes the next shift."
      error={error}
      required
    >
      <Stack gap={6} mt={6}>
        {value.length > 0 && (
          <Paper withBorder p={4} radius="sm">
            <Stack gap={2} component="ol" m={0} p={0} aria-label={`Rotation order of ${layerName}`}>
              {value.map((userId, i) => (
                <Group
                  component="li"
                  // biome-ignore lint/suspicious/noArrayIndexKey: positional list (a person may appear twice); rows hold no state
                  key={`${userId}-${i}`}
                  justify="space-between"
                  wrap="nowrap"
                  px="xs"
                  style={{ listStyle: 'none' }}
                >
                  <Text size="sm">
                    <Text span c="dimmed" size="xs" mr={6}>
                      {i + 1}.
                    </Text>
                    {people.name(userId)}
                  </Text>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`Move ${people.name(userId)} up`}
                      disabled={i === 0}
                      onClick={() => onChange(move(value, i, -1))}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`Move ${people.name(userId)} down`}
                      disabled={i === value.length - 1}
                      onClick={() => onChange(move(value, i, 1))}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={`Remove ${people.name(userId)}`}
                      onClick={() => onChange(value.filter((_, j) => j !== i))}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
        <Select
          key={pickerKey}
          aria-label={`Add a participant to ${layerName}`}
          placeholder="Add a person…"
          data={people.options}
          searchable
          nothingFoundMessage={people.isPending ? 'Loading people…' : 'Nobody by that name'}
          onChange={(userId) => {
            if (!userId) return;
            onChange([...value, userId]);
            setPickerKey((k) => k + 1);
          }}
        />
      </Stack>
    </Input.Wrapper>
  );
}
