import { roleAtLeast, type Service } from '@firebreak/shared';
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useDeleteService, useServices, useTeams } from './directory.api.js';
import { ServiceFormModal } from './ServiceFormModal.js';

/** null: closed; 'new': creating; a service: editing it. */
type Editing = null | 'new' | Service;

export default function ServicesPage() {
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const canDelete = roleAtLeast(me.role, 'admin');
  const services = useServices();
  const teams = useTeams();
  const remove = useDeleteService();
  const [editing, setEditing] = useState<Editing>(null);
  const teamName = new Map(teams.items.map((t) => [t.id, t.name]));

  return (
    <Section
      title="Services"
      description="The catalog of what you run. Each service's owning team receives its alerts and customer reports."
      action={
        canWrite && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            New service
          </Button>
        )
      }
    >
      {services.isPending ? (
        <PageLoader />
      ) : services.isError ? (
        <ErrorState error={services.error} onRetry={() => services.refetch()} />
      ) : services.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No services yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Owning team</Table.Th>
                {canWrite && (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.items.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {service.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {service.slug}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {service.description || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={service.teamId ? undefined : 'dimmed'}>
                      {service.teamId ? (teamName.get(service.teamId) ?? '…') : 'No owner'}
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`Edit ${service.name}`}
                          onClick={() => setEditing(service)}
                        >
                          Edit
                        </Button>
                        {canDelete && (
                          <ConfirmButton
                            title={`Delete ${service.name}?`}
                            message="Alerts and incidents that refer to it keep their history, but nothing new can be linked to it."
                            aria-label={`Delete ${service.name}`}
                            onConfirm={() => remove.mutateAsync(service)}
                            pending={remove.isPending}
                            error={remove.error}
                          >
                            Delete
                          </ConfirmButton>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...services} />
      {editing && (
        <ServiceFormModal
          service={editing === 'new' ? null : editing}
          teams={teams.items}
          onClose={() => setEditing(null)}
        />
      )}
    </Section>
  );
}
