import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { PublishIncidentModal } from './PublishIncidentModal.js';
import { usePublicIncidents } from './statuspage.api.js';

export function IncidentsTab() {
  const list = usePublicIncidents();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <Section
      title="Public incidents"
      description="Published from internal incidents; their public updates also land on the incident's timeline."
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
          Publish an incident
        </Button>
      }
    >
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing published yet. Publish from an incident's page or here.
        </Text>
      ) : (
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Impact</Table.Th>
              <Table.Th>Started</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/status-page/incidents/${i.id}`} size="sm">
                    {i.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={i.status === 'resolved' ? 'green' : 'orange'}>
                    {i.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{i.impact}</Table.Td>
                <Table.Td>{formatDateTime(i.startedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <PublishIncidentModal
          onClose={() => setOpen(false)}
          onPublished={(p) => navigate(`/status-page/incidents/${p.id}`)}
        />
      )}
    </Section>
  );
}
