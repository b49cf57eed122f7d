import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowsExchange, IconUserShare } from '@tabler/icons-react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useSignedIn } from '../auth/session.js';
import { useCancelOverride } from './oncall.api.js';
import type { PickedShift } from './ScheduleTimeline.js';
import { formatDuration, formatRange } from './zone.js';

const KIND_LABEL = { override: 'Override', take_over: 'Took over', swap: 'Swap' } as const;

/** Who and when for a shift picked on the timeline, and what can be done with it. */
export function ShiftModal({
  scheduleId,
  picked,
  zone,
  canWrite,
  onClose,
  onOverride,
  onSwap,
}: {
  scheduleId: string;
  picked: PickedShift;
  zone: string;
  canWrite: boolean;
  onClose: () => void;
  onOverride: () => void;
  onSwap: () => void;
}) {
  const { user: me } = useSignedIn();
  const cancel = useCancelOverride(scheduleId);
  const { shift, row, override } = picked;
  const start = Date.parse(shift.start);
  const end = Date.parse(shift.end);

  return (
    <Modal opened onClose={onClose} title={`${shift.user.name} on call`}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Text fw={500}>{formatRange(start, end, zone)}</Text>
          <Text size="sm" c="dimmed">
            {formatDuration(end - start)} · {row} · times in {zone}
          </Text>
        </Stack>
        {override && (
          <Stack gap={4}>
            <Group gap="xs">
              <Badge variant="light" color="grape">
                {KIND_LABEL[override.kind]}
              </Badge>
              <Text size="sm">
                {override.replacedUser ? `covering ${override.replacedUser.name}` : 'covering whoever is on call'}
              </Text>
            </Group>
            {override.reason && (
              <Text size="sm" c="dimmed">
                “{override.reason}”
              </Text>
            )}
          </Stack>
        )}
        {canWrite && (
          <Group gap="xs" justify="flex-end" mt="xs">
            {override && (
              <ConfirmButton
                title="Cancel this override?"
                message="The rotation decides who is on call again for this time."
                onConfirm={() => cancel.mutateAsync(override).then(onClose)}
                pending={cancel.isPending}
                error={cancel.error}
              >
                Cancel override
              </ConfirmButton>
            )}
            {shift.user.id !== me.id && !override && (
              <Button variant="default" size="xs" leftSection={<IconArrowsExchange size={14} />} onClick={onSwap}>
                Propose a swap
              </Button>
            )}
            <Button size="xs" leftSection={<IconUserShare size={14} />} onClick={onOverride}>
              Add override
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
