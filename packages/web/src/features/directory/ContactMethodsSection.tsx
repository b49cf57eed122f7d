import { CONTACT_KINDS, type ContactMethodInput } from '@firebreak/shared';
import { Badge, Button, Grid, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useAddContactMethod, useContactMethods, useRemoveContactMethod } from './directory.api.js';

type Kind = ContactMethodInput['kind'];

const KIND_LABELS: Record<Kind, { label: string; address: string; placeholder: string }> = {
  email: { label: 'Email', address: 'Email address', placeholder: 'you@example.com' },
  sms: { label: 'SMS', address: 'Phone number', placeholder: '+14155550100' },
  voice: { label: 'Voice call', address: 'Phone number', placeholder: '+14155550100' },
  webhook: { label: 'Webhook', address: 'URL', placeholder: 'https://example.com/hook' },
  slack: { label: 'Slack', address: 'Slack member ID', placeholder: 'U012AB3CD' },
  ntfy: { label: 'ntfy', address: 'Topic URL', placeholder: 'https://ntfy.sh/my-topic' },
};
const FIELDS = ['kind', 'label', 'address'] as const;

export function ContactMethodsSection({ userId }: { userId: string }) {
  const methods = useContactMethods(userId);
  const remove = useRemoveContactMethod(userId);

  return (
    <Section title="Contact methods" description="Where Firebreak reaches you when you are paged.">
      {methods.isPending ? (
        <PageLoader />
      ) : methods.isError ? (
        <ErrorState error={methods.error} onRetry={() => methods.refetch()} />
      ) : methods.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No contact methods yet. Add one so you can be paged.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Label</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Verified</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {methods.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{KIND_LABELS[m.kind].label}</Table.Td>
                  <Table.Td>{m.label}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{m.address}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.verified ? 'green' : 'gray'}>
                      {m.verified ? 'Verified' : 'Not yet'}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ConfirmButton
                      title="Remove contact method"
                      message={`Firebreak will stop using ${m.label} (${m.address}) to reach you.`}
                      aria-label={`Remove ${m.label}`}
                      onConfirm={() => remove.mutateAsync(m.id)}
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
      <LoadMore {...methods} />
      <AddContactMethodForm userId={userId} />
    </Section>
  );
}

function AddContactMethodForm({ userId }: { userId: string }) {
  const add = useAddContactMethod(userId);
  const [kind, setKind] = useState<Kind>('email');
  const [label, setLabel] = useState('');
  const [address, setAddress] = useState('');
  const errors = fieldErrors(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { kind, label, address },
      {
        onSuccess: () => {
          setLabel('');
          setAddress('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Add a contact method">
      <Stack gap="xs">
        <ProblemAlert error={add.error} fields={FIELDS} />
        <Grid align="flex-end" gap="sm">
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label="Kind"
              data={CONTACT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].label }))}
              value={kind}
              onChange={(v) => v && setKind(v as Kind)}
              allowDeselect={false}
              error={errors.kind}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput
              label="Label"
              placeholder="Work phone"
              required
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              error={errors.label}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={KIND_LABELS[kind].address}
              placeholder={KIND_LABELS[kind].placeholder}
              required
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={errors.address}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 2 }}>
            <Button type="submit" fullWidth loading={add.isPending} disabled={!label.trim() || !address.trim()}>
              Add
            </Button>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
