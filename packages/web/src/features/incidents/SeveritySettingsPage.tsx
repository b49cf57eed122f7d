import { roleAtLeast, type Severity } from '@firebreak/shared';
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { SeverityBadge } from './IncidentBadges.js';
import { IncidentRolesSection } from './IncidentRolesSection.js';
import { useSeverities } from './incidents.api.js';
import { formatDuration } from './presentation.js';
import { SeverityFormModal } from './SeverityFormModal.js';

type Editing = null | 'new' | Severity;

const minutes = (m: number | null, none: string) => (m ? formatDuration(m * 60_000) : none);

/** Settings › Severities: the organisation's scale and what each level sets in motion. Admins edit. */
export default function SeveritySettingsPage() {
  const { user: me } = useSignedIn();
  const isAdmin = roleAtLeast(me.role, 'admin');
  const severities = useSeverities();
  const [editing, setEditing] = useState<Editing>(null);
  const list = severities.data ?? [];

  return (
    <Stack gap="md">
      <Section
        title="Severities"
        description="How bad an incident is decides who is paged, how often stakeholders hear from you and what follows afterwards."
        action={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New severity
            </Button>
          )
        }
      >
        {severities.isPending ? (
          <PageLoader />
        ) : severities.isError ? (
          <ErrorState error={severities.error} onRetry={() => severities.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" aria-label="Severities">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>When to choose it</Table.Th>
                  <Table.Th>Urgency</Table.Th>
                  <Table.Th>Updates every</Table.Th>
                  <Table.Th>Upgrade prompt</Table.Th>
                  <Table.Th>Afterwards</Table.Th>
                  {isAdmin && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((s) => (
                  <Table.Tr key={s.key}>
                    <Table.Td>
                      <Stack gap={2}>
                        <SeverityBadge severity={s} />
                        <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                          {s.key} · rank {s.rank}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td maw={380}>
                      <Text size="sm">{s.description || '—'}</Text>
                      {s.examples.length > 0 && (
                        <Text size="xs" c="dimmed">
                          e.g. {s.examples.join('; ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={s.urgency === 'high' ? 'red' : undefined}
                        fw={s.urgency === 'high' ? 600 : undefined}
                      >
                        {s.urgency === 'high' ? 'Pages any hour' : 'Business hours'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{minutes(s.updateCadenceMinutes, 'No rhythm')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{minutes(s.upgradeAfterMinutes, 'Never')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {s.postmortemRequired && <Text size="xs">Postmortem required</Text>}
                        {s.publicUpdateExpected && <Text size="xs">Status page update</Text>}
                        {!s.postmortemRequired && !s.publicUpdateExpected && (
                          <Text size="xs" c="dimmed">
                            Nothing required
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group justify="flex-end">
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Edit ${s.name}`}
                            onClick={() => setEditing(s)}
                          >
                            Edit
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editing && (
          <SeverityFormModal
            severity={editing === 'new' ? null : editing}
            nextRank={Math.max(0, ...list.map((s) => s.rank)) + 1}
            onClose={() => setEditing(null)}
          />
        )}
      </Section>
      <IncidentRolesSection />
    </Stack>
  );
}
