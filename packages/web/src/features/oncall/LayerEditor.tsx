import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { TimeZoneSelect } from '../directory/TimeZoneSelect.js';
import type { LayerDraft, RotationKind } from './layer.draft.js';
import { ParticipantsEditor } from './ParticipantsEditor.js';
import { RestrictionsEditor } from './RestrictionsEditor.js';

type Props = {
  draft: LayerDraft;
  onChange: (patch: Partial<LayerDraft>) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  /** Whether it is the top (wins first) or the bottom layer, to disable moves past the ends. */
  isTop: boolean;
  isBottom: boolean;
  /** Messages from the server keyed by field (`participants`, `handoffTime`, …). */
  errors: Record<string, string>;
};

/** One rotation: who, how long each shift lasts, when it hands off, and when it applies. */
export function LayerEditor({ draft, onChange, onRemove, onMove, isTop, isBottom, errors }: Props) {
  const label = draft.name || 'this layer';
  return (
    <Paper withBorder radius="md" p="md" component="fieldset" aria-label={`Layer ${draft.name}`} m={0}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {draft.name || 'Unnamed layer'}
          </Title>
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Move up (wins over the layers below)">
              <ActionIcon variant="subtle" aria-label={`Move ${label} up`} disabled={isTop} onClick={() => onMove(1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down">
              <ActionIcon
                variant="subtle"
                aria-label={`Move ${label} down`}
                disabled={isBottom}
                onClick={() => onMove(-1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove layer">
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${label}`} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <TextInput
          label="Layer name"
          placeholder="e.g. Europe daytime"
          value={draft.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          error={errors.name}
        />
        <ParticipantsEditor
          value={draft.participants}
          onChange={(participants) => onChange({ participants })}
          error={errors.participants}
          layerName={draft.name || 'the layer'}
        />
        <Stack gap={6}>
          <SegmentedControl
            aria-label="Rotation length"
            value={draft.rotationKind}
            onChange={(v) => onChange({ rotationKind: v as RotationKind })}
            data={[
              { value: 'daily', label: 'Daily' },
              { value: 'weekly', label: 'Weekly' },
              { value: 'custom', label: 'Custom' },
            ]}
            w="fit-content"
          />
          {draft.rotationKind === 'custom' && (
            <Group gap="xs" align="flex-end">
              <NumberInput
                label="Each shift lasts"
                min={1}
                max={365}
                value={draft.customEvery}
                onChange={(v) => onChange({ customEvery: typeof v === 'number' ? v : Number(v) || 1 })}
                w={140}
                error={errors['rotation.every']}
              />
              <Select
                aria-label="Unit"
                data={[
                  { value: 'hour', label: 'hours' },
                  { value: 'day', label: 'days' },
                  { value: 'week', label: 'weeks' },
                ]}
                value={draft.customUnit}
                onChange={(v) => v && onChange({ customUnit: v as LayerDraft['customUnit'] })}
                allowDeselect={false}
                w={120}
              />
            </Group>
          )}
        </Stack>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Start date"
            description="Day of the first handoff"
            value={draft.startDate}
            onChange={(e) => onChange({ startDate: e.currentTarget.value })}
            required
            error={errors.startDate}
          />
          <TextInput
            type="time"
            label="Handoff time"
            description="Local time shifts change"
            value={draft.handoffTime}
            onChange={(e) => onChange({ handoffTime: e.currentTarget.value })}
            required
            error={errors.handoffTime}
          />
          <TimeZoneSelect
            label="Layer time zone"
            description="Of the handoff time and windows"
            value={draft.timeZone}
            onChange={(v) => v && onChange({ timeZone: v })}
            error={errors.timeZone}
          />
        </Group>
        <RestrictionsEditor
          value={draft.restrictions}
          onChange={(restrictions) => onChange({ restrictions })}
          timeZone={draft.timeZone}
        />
      </Stack>
    </Paper>
  );
}
