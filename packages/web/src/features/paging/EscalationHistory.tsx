import type { PageDetail } from '@firebreak/shared';
import { Badge, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconBell, IconUser } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format.js';
import { CHANNEL_LABEL, DeliveryBadge } from './PageBadges.js';

type Step = PageDetail['steps'][number];
type Delivery = Step['notifications'][number];

const REASON: Record<string, string> = {
  triggered: 'First level',
  timeout: 'Nobody acknowledged in time',
  unreachable: 'Nobody at the previous level could be reached',
  escalated: 'Escalated by hand',
  reassigned: 'Reassigned',
};

/** The steps of an escalation run as a timeline, each with its deliveries and their attempts. */
export function EscalationHistory({ page }: { page: PageDetail }) {
  if (page.steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The first step has not run yet; it starts within seconds.
      </Text>
    );
  }
  return (
    <Timeline active={page.steps.length - 1} bulletSize={22} lineWidth={2}>
      {page.steps.map((step) => (
        <Timeline.Item
          key={step.step}
          bullet={<IconBell size={12} />}
          title={
            <Group gap="xs">
              <Text fw={600} size="sm">
                {step.levelName}
              </Text>
              <Badge variant="outline" color="gray" size="sm">
                Step {step.step + 1}
              </Badge>
              <Text size="xs" c="dimmed">
                {REASON[step.reason] ?? step.reason} · {formatDateTime(step.startedAt)}
              </Text>
            </Group>
          }
        >
          <Stack gap="xs" mt={4} data-testid={`step-${step.step}`}>
            <Group gap={6}>
              <IconUser size={14} aria-hidden />
              <Text size="sm">
                {step.users.length > 0 ? step.users.map((u) => u.name).join(', ') : 'Nobody to notify'}
              </Text>
            </Group>
            {step.nextStepAt && page.status === 'triggered' && (
              <Text size="xs" c="orange">
                Next level at {formatDateTime(step.nextStepAt)} unless someone acknowledges
              </Text>
            )}
            {step.notifications.length > 0 && <Deliveries notifications={step.notifications} />}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function Deliveries({ notifications }: { notifications: Delivery[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={4} fz="sm" withRowBorders={false} aria-label="Deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Attempts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notifications.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>{n.user.name}</Table.Td>
              <Table.Td>
                <Text size="sm">{CHANNEL_LABEL[n.channel] ?? n.channel}</Text>
                {n.address && (
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }} maw={260}>
                    {n.address}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(n.dueAt)}</Text>
              </Table.Td>
              <Table.Td>
                <DeliveryBadge status={n.status} />
                {n.sentAt && (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.sentAt)}
                  </Text>
                )}
                {n.lastError && n.status !== 'sent' && (
                  <Text size="xs" c="red" maw={260}>
                    {n.lastError}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {n.attempts.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {n.attempts.map((a) => (
                      <Text key={a.attempt} size="xs" component="div">
                        #{a.attempt} {formatDateTime(a.startedAt)}: <DeliveryBadge status={a.status} size="xs" />
                        {a.httpStatus !== null && ` HTTP ${a.httpStatus}`}
                        {a.latencyMs !== null && ` · ${a.latencyMs} ms`}
                        {a.error && (
                          <Text span size="xs" c="red">
                            {' '}
                            · {a.error}
                          </Text>
                        )}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
