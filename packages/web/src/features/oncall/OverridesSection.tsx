import type { ScheduleOverride } from '@firebreak/shared';
import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { Section } from '../../components/Section.js';
import { useCancelOverride } from './oncall.api.js';
import { formatRange } from './zone.js';

const KIND = { override: 'override', take_over: 'took over', swap: 'swap' } as const;

/** The overrides that touch the range on screen, each cancellable. */
export function OverridesSection({
  scheduleId,
  overrides,
  zone,
  canWrite,
  action,
}: {
  scheduleId: string;
  overrides: ScheduleOverride[];
  zone: string;
  canWrite: boolean;
  action?: ReactNode;
}) {
  const cancel = useCancelOverride(scheduleId);
  return (
    <Section
      title="Overrides"
      description="In the range shown. Where overrides overlap, the most recent wins."
      action={action}
    >
      {overrides.length === 0 ? (
        <Text size="sm" c="dimmed">
          No overrides in this range.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Overrides">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>On call</Table.Th>
                <Table.Th>Covering</Table.Th>
                <Table.Th>When ({zone})</Table.Th>
                <Table.Th>Reason</Table.Th>
                {canWrite && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overrides.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {o.user.name}{' '}
                      {o.kind !== 'override' && (
                        <Badge size="xs" variant="light" color="grape">
                          {KIND[o.kind]}
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.replacedUser?.name ?? 'Whoever is on call'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatRange(o.start, o.end, zone)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={o.reason ? undefined : 'dimmed'} lineClamp={2}>
                      {o.reason || '—'}
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td ta="right">
                      <ConfirmButton
                        title="Cancel this override?"
                        message="The rotation decides who is on call again for this time."
                        aria-label={`Cancel override of ${o.user.name}`}
                        onConfirm={() => cancel.mutateAsync(o)}
                        pending={cancel.isPending}
                        error={cancel.error}
                      >
                        Cancel
                      </ConfirmButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
