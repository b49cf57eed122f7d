import { ActionIcon, Button, Chip, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { describeRestriction, newKey, RESTRICTION_PRESETS, type RestrictionDraft, WEEKDAYS } from './layer.draft.js';

/**
 * Windows the layer covers (e.g. weekdays 09:00–18:00, or nightly 20:00–08:00). With none, the
 * layer covers all the time; outside its windows it falls through to the layers below.
 */
export function RestrictionsEditor({
  value,
  onChange,
  timeZone,
}: {
  value: RestrictionDraft[];
  onChange: (next: RestrictionDraft[]) => void;
  timeZone: string;
}) {
  const update = (key: string, patch: Partial<RestrictionDraft>) =>
    onChange(value.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (r: { days: readonly number[]; start: string; end: string }) =>
    onChange([...value, { ...r, key: newKey(), days: [...r.days] }]);

  return (
    <Input.Wrapper
      label="Restrictions"
      description={`Only cover these windows, in ${timeZone}. Days are the days a window starts on; none ticked means every day. An end at or before the start runs past midnight.`}
    >
      <Stack gap="xs" mt={6}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            None: the layer covers all the time.
          </Text>
        )}
        {value.map((r) => (
          <Group key={r.key} gap="xs" align="flex-end" wrap="wrap">
            <Chip.Group
              multiple
              value={r.days.map(String)}
              onChange={(days) => update(r.key, { days: days.map(Number) })}
            >
              <Group gap={4}>
                {WEEKDAYS.map((d) => (
                  <Chip key={d.value} value={String(d.value)} size="xs">
                    {d.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <TextInput
              type="time"
              aria-label="Window start"
              value={r.start}
              onChange={(e) => update(r.key, { start: e.currentTarget.value })}
              w={110}
              size="xs"
            />
            <Text size="sm">to</Text>
            <TextInput
              type="time"
              aria-label="Window end"
              value={r.end}
              onChange={(e) => update(r.key, { end: e.currentTarget.value })}
              w={110}
              size="xs"
            />
            <Text size="xs" c="dimmed">
              {describeRestriction(r)}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Remove window"
              onClick={() => onChange(value.filter((x) => x.key !== r.key))}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          {RESTRICTION_PRESETS.map((p) => (
            <Button key={p.label} size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => add(p)}>
              {p.label}
            </Button>
          ))}
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => add({ days: [], start: '09:00', end: '17:00' })}
          >
            Custom window
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
