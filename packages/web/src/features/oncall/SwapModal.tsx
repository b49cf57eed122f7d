import type { ScheduleShift } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useProposeSwap } from './oncall.api.js';
import { formatRange } from './zone.js';

/**
 * Proposes to trade one of my shifts for someone else's. The other person accepts or declines; on
 * acceptance the server writes two overrides. Mounted only while open.
 */
export function SwapModal({
  scheduleId,
  theirs,
  mine,
  zone,
  onClose,
}: {
  scheduleId: string;
  theirs: ScheduleShift;
  /** My shifts in the range the timeline shows. */
  mine: ScheduleShift[];
  zone: string;
  onClose: () => void;
}) {
  const propose = useProposeSwap(scheduleId);
  const [myShift, setMyShift] = useState<string | null>(mine[0]?.start ?? null);
  const [message, setMessage] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!myShift) return;
    propose.mutate(
      { shiftStart: myShift, counterpartUserId: theirs.user.id, counterpartShiftStart: theirs.start, message },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Swap with ${theirs.user.name}`}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={propose.error} />
          <Text size="sm">
            You take {theirs.user.name}'s shift <b>{formatRange(theirs.start, theirs.end, zone)}</b>.
          </Text>
          {mine.length === 0 ? (
            <Text size="sm" c="dimmed">
              You have no shift in the range shown. Move the timeline to one of your shifts, then pick{' '}
              {theirs.user.name}'s shift again.
            </Text>
          ) : (
            <Select
              label="In exchange, they take your shift"
              data={mine.map((s) => ({ value: s.start, label: formatRange(s.start, s.end, zone) }))}
              value={myShift}
              onChange={setMyShift}
              allowDeselect={false}
            />
          )}
          <Textarea
            label="Message"
            placeholder="Why, and anything they should know"
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={propose.isPending} disabled={!myShift}>
              Propose swap
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
