import type { ShiftSwap } from '@firebreak/shared';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useAnswerSwap, useSwaps } from './oncall.api.js';
import { formatRange } from './zone.js';

const STATUS_COLOR = { proposed: 'blue', accepted: 'green', declined: 'gray', cancelled: 'gray' } as const;

/** Swap proposals on this schedule; the person asked accepts or declines, the proposer may cancel. */
export function SwapsSection({ scheduleId, zone }: { scheduleId: string; zone: string }) {
  const { user: me } = useSignedIn();
  const swaps = useSwaps(scheduleId);
  const answer = useAnswerSwap(scheduleId);
  const items = swaps.data?.items ?? [];
  if (items.length === 0) return null;
  const open = items.filter((s) => s.status === 'proposed');
  const decided = items.filter((s) => s.status !== 'proposed').slice(0, 5);

  const actions = (swap: ShiftSwap) => {
    if (swap.status !== 'proposed') return null;
    const act = (kind: 'accept' | 'decline' | 'cancel') => answer.mutate({ swap, answer: kind });
    if (swap.counterpart.id === me.id) {
      return (
        <Group gap="xs">
          <Button size="xs" onClick={() => act('accept')} loading={answer.isPending}>
            Accept
          </Button>
          <Button size="xs" variant="default" onClick={() => act('decline')} loading={answer.isPending}>
            Decline
          </Button>
        </Group>
      );
    }
    if (swap.proposedBy.id === me.id) {
      return (
        <Button size="xs" variant="subtle" color="red" onClick={() => act('cancel')} loading={answer.isPending}>
          Withdraw
        </Button>
      );
    }
    return null;
  };

  return (
    <Section title="Shift swaps" description="Accepted swaps become two overrides.">
      <ProblemAlert error={answer.error} />
      <Stack gap="sm">
        {[...open, ...decided].map((swap) => (
          <Group key={swap.id} justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Group gap="xs">
                <Badge variant="light" color={STATUS_COLOR[swap.status]}>
                  {swap.status}
                </Badge>
                <Text size="sm" fw={500}>
                  {swap.proposedBy.name} ⇄ {swap.counterpart.name}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {swap.counterpart.name} takes {formatRange(swap.proposerShift.start, swap.proposerShift.end, zone)};{' '}
                {swap.proposedBy.name} takes {formatRange(swap.counterpartShift.start, swap.counterpartShift.end, zone)}
              </Text>
              {swap.message && (
                <Text size="xs" c="dimmed">
                  “{swap.message}”
                </Text>
              )}
            </Stack>
            {actions(swap)}
          </Group>
        ))}
      </Stack>
    </Section>
  );
}
