import { ActionIcon, Group, MultiSelect, NumberInput, Paper, Stack, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { LevelDraft } from './policy.draft.js';
import { levelName } from './policy.draft.js';

export type TargetGroups = { group: string; items: { value: string; label: string }[] }[];

/** One escalation level: whom it pages, and how long before the next level. */
export function LevelEditor({
  draft,
  index,
  count,
  targets,
  onChange,
  onMove,
  onRemove,
  errors,
}: {
  draft: LevelDraft;
  index: number;
  count: number;
  targets: TargetGroups;
  onChange: (patch: Partial<LevelDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  errors: Record<string, string>;
}) {
  const title = levelName(index);
  return (
    <Paper withBorder radius="md" p="md" component="fieldset" aria-label={title} m={0}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {title}
            {draft.name.trim() && draft.name.trim() !== title ? ` · ${draft.name.trim()}` : ''}
          </Title>
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Page earlier">
              <ActionIcon
                variant="subtle"
                aria-label={`Move ${title} up`}
                disabled={index === 0}
                onClick={() => onMove(-1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Page later">
              <ActionIcon
                variant="subtle"
                aria-label={`Move ${title} down`}
                disabled={index === count - 1}
                onClick={() => onMove(1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove level">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove ${title}`}
                disabled={count === 1}
                onClick={onRemove}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <MultiSelect
          label="Notify"
          description="People, whoever is on call in a schedule, or a team's on-call"
          placeholder={draft.targets.length ? undefined : 'Pick people, schedules or teams'}
          data={targets}
          value={draft.targets}
          onChange={(targets) => onChange({ targets })}
          searchable
          required
          nothingFoundMessage="Nothing by that name"
          error={errors.targets}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Escalate after (minutes)"
            description="If nobody acknowledges, the next level is paged"
            min={1}
            max={1440}
            value={draft.delayMinutes}
            onChange={(v) => onChange({ delayMinutes: typeof v === 'number' ? v : Number(v) || 1 })}
            error={errors.delayMinutes}
          />
          <TextInput
            label="Level name"
            placeholder={title}
            value={draft.name}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
            error={errors.name}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
