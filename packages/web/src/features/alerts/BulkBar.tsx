import { Button, Group, Paper, Text } from '@mantine/core';
import { IconCheck, IconEye, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import type { AlertAction } from './alerts.api.js';

type Props = {
  count: number;
  /** 'alert group' or 'alert': names the selection. */
  what: string;
  busy: boolean;
  onAction: (action: AlertAction) => void;
  onVerdict: (verdict: 'useful' | 'noisy') => void;
  onClear: () => void;
};

/** What can be done to every selected row at once. */
export function BulkBar({ count, what, busy, onAction, onVerdict, onClear }: Props) {
  if (count === 0) return null;
  return (
    <Paper withBorder p="xs" radius="md" role="toolbar" aria-label="Selected">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} mr="sm">
          {count} {what}
          {count === 1 ? '' : 's'} selected
        </Text>
        <Button
          size="xs"
          variant="light"
          color="yellow"
          leftSection={<IconEye size={14} />}
          loading={busy}
          onClick={() => onAction('ack')}
        >
          Acknowledge selected
        </Button>
        <Button
          size="xs"
          variant="light"
          color="green"
          leftSection={<IconCheck size={14} />}
          loading={busy}
          onClick={() => onAction('resolve')}
        >
          Resolve selected
        </Button>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconThumbUp size={14} />}
          disabled={busy}
          onClick={() => onVerdict('useful')}
        >
          Useful
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="orange"
          leftSection={<IconThumbDown size={14} />}
          disabled={busy}
          onClick={() => onVerdict('noisy')}
        >
          Noisy
        </Button>
        <Button size="xs" variant="default" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
    </Paper>
  );
}
