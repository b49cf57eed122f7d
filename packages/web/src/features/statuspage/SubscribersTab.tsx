import type { StatusSubscriber } from '@firebreak/shared';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SecretValue } from '../../components/SecretValue.js';
import { Section } from '../../components/Section.js';
import { useAddSubscriber, useRemoveSubscriber, useSubscribers } from './statuspage.api.js';

export function SubscribersTab() {
  const list = useSubscribers();
  const add = useAddSubscriber();
  const remove = useRemoveSubscriber();
  const [kind, setKind] = useState<'email' | 'webhook'>('email');
  const [address, setAddress] = useState('');
  const [added, setAdded] = useState<StatusSubscriber | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { kind, address },
      {
        onSuccess: (s) => {
          setAdded(s);
          setAddress('');
        },
      },
    );
  };

  return (
    <Section
      title="Subscribers"
      description="Email sign-ups confirm by link before anything else is sent; webhooks you add are active at once."
    >
      <form onSubmit={submit}>
        <Group align="flex-end">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'email')}
            data={[
              { value: 'email', label: 'Email' },
              { value: 'webhook', label: 'Webhook' },
            ]}
          />
          <TextInput
            label={kind === 'email' ? 'Email address' : 'Webhook URL'}
            placeholder={kind === 'email' ? 'ops@customer.example' : 'https://customer.example/hooks/status'}
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={add.isPending} disabled={!address.trim()}>
            Add subscriber
          </Button>
        </Group>
      </form>
      <ProblemAlert error={add.error} />
      {added?.signingSecret && (
        <Stack gap={4}>
          <Text size="sm">Signing secret for {added.address} (shown once; verify `Firebreak-Signature` with it):</Text>
          <SecretValue value={added.signingSecret} label="Signing secret" />
        </Stack>
      )}
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No subscribers yet. Customers sign up on the public page.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Address</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Last delivery</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {s.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.kind}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={s.state === 'confirmed' ? 'green' : s.state === 'pending' ? 'yellow' : 'gray'}
                    >
                      {s.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={s.lastDelivery?.error ? 'red' : undefined}>
                      {s.lastDelivery ? `${s.lastDelivery.status}, ${formatDateTime(s.lastDelivery.at)}` : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ConfirmButton
                      title={`Remove ${s.address}?`}
                      message="They receive nothing more from the status page."
                      aria-label={`Remove ${s.address}`}
                      onConfirm={() => remove.mutateAsync(s)}
                      pending={remove.isPending}
                      error={remove.error}
                    >
                      Remove
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore {...list} />
    </Section>
  );
}
