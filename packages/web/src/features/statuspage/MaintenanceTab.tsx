import type { PublicIncident } from '@firebreak/shared';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { ScheduleMaintenanceModal } from './ScheduleMaintenanceModal.js';
import { useComponents, useMaintenance, useUpdateMaintenance } from './statuspage.api.js';

const BUCKETS = [
  { title: 'Active', statuses: ['in_progress', 'verifying'] },
  { title: 'Upcoming', statuses: ['scheduled'] },
  { title: 'Completed', statuses: ['completed', 'cancelled'] },
] as const;

/** The next steps a maintenance may take from where it is, with the update customers read. */
const NEXT: Record<
  string,
  { status: 'in_progress' | 'verifying' | 'completed' | 'cancelled'; label: string; body: string }[]
> = {
  scheduled: [
    { status: 'in_progress', label: 'Start now', body: 'The maintenance has started.' },
    { status: 'cancelled', label: 'Cancel', body: 'This maintenance has been cancelled.' },
  ],
  in_progress: [
    { status: 'verifying', label: 'Verifying', body: 'The work is done; we are checking everything works.' },
    { status: 'completed', label: 'Complete', body: 'The maintenance is complete.' },
  ],
  verifying: [{ status: 'completed', label: 'Complete', body: 'The maintenance is complete.' }],
};

export function MaintenanceTab() {
  const list = useMaintenance();
  const components = useComponents();
  const update = useUpdateMaintenance();
  const [open, setOpen] = useState(false);
  const componentName = new Map((components.data?.components ?? []).map((c) => [c.id, c.name]));

  const card = (m: PublicIncident) => (
    <Paper key={m.id} withBorder p="sm" radius="md" aria-label={m.name} component="article">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{m.name}</Text>
            <Badge variant="light">{m.status.replace('_', ' ')}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {formatDateTime(m.scheduledFor)} – {formatDateTime(m.scheduledUntil)}
          </Text>
          {m.components.length > 0 && (
            <Text size="sm">
              Components: {m.components.map((c) => componentName.get(c.componentId) ?? '…').join(', ')}
            </Text>
          )}
          {m.updates[0] && <Text size="sm">{m.updates[0].body}</Text>}
        </Stack>
        <Group gap={4}>
          {(NEXT[m.status] ?? []).map((n) => (
            <Button
              key={n.status}
              size="xs"
              variant={n.status === 'cancelled' ? 'subtle' : 'light'}
              color={n.status === 'cancelled' ? 'red' : undefined}
              loading={update.isPending && update.variables?.id === m.id && update.variables.status === n.status}
              onClick={() => update.mutate({ id: m.id, status: n.status, body: n.body })}
            >
              {n.label}
            </Button>
          ))}
        </Group>
      </Group>
    </Paper>
  );

  return (
    <Section
      title="Scheduled maintenance"
      description="Starts and completes by itself on time. While it runs, its services' alerts are recorded, not paged."
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          Schedule maintenance
        </Button>
      }
    >
      <ProblemAlert error={update.error} />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        BUCKETS.map((b) => {
          const items = list.data.items.filter((m) => (b.statuses as readonly string[]).includes(m.status));
          return (
            <Stack key={b.title} gap="xs">
              <Title order={3} size="h5">
                {b.title}
              </Title>
              {items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  None.
                </Text>
              ) : (
                items.map(card)
              )}
            </Stack>
          );
        })
      )}
      {open && <ScheduleMaintenanceModal onClose={() => setOpen(false)} />}
    </Section>
  );
}
