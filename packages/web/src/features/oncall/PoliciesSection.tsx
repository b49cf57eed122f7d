import { roleAtLeast } from '@firebreak/shared';
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useServices } from '../directory/directory.api.js';
import { usePolicies } from './oncall.api.js';

/** Escalation policies: who is paged, in what order, and which services use each. */
export function PoliciesSection() {
  const { user: me } = useSignedIn();
  const policies = usePolicies();
  const services = useServices();
  const serviceName = new Map(services.items.map((s) => [s.id, s.name]));

  return (
    <Section
      title="Escalation policies"
      description="Who is paged for a service, level by level, until someone acknowledges."
      action={
        roleAtLeast(me.role, 'responder') && (
          <Button component={Link} to="/oncall/policies/new" leftSection={<IconPlus size={16} />}>
            New escalation policy
          </Button>
        )
      }
    >
      {policies.isPending ? (
        <PageLoader />
      ) : policies.isError ? (
        <ErrorState error={policies.error} onRetry={() => policies.refetch()} />
      ) : policies.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No escalation policies yet. A service pages nobody until it has one.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Escalation policies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Policy</Table.Th>
                <Table.Th>Levels</Table.Th>
                <Table.Th>Services</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/oncall/policies/${p.id}`} fw={500} size="sm">
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {p.levels.map((l) => (
                        <Text size="sm" key={l.index}>
                          <Text span fw={500} size="sm">
                            {l.name}:
                          </Text>{' '}
                          {l.targets.map((t) => t.name).join(', ')}
                          <Text span c="dimmed" size="xs">
                            {' '}
                            · then {l.delayMinutes} min
                          </Text>
                        </Text>
                      ))}
                      {p.repeat > 0 && (
                        <Text size="xs" c="dimmed">
                          Repeats {p.repeat} time{p.repeat > 1 ? 's' : ''}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={p.serviceIds.length ? undefined : 'dimmed'}>
                      {p.serviceIds.length ? p.serviceIds.map((id) => serviceName.get(id) ?? '…').join(', ') : 'None'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...policies} />
    </Section>
  );
}
