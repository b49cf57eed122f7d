import { roleAtLeast } from '@firebreak/shared';
import { Button, Group, Modal, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useCreateRoleType, useDeleteRoleType, useRoleTypes } from './incidents.api.js';

/** The roles incidents may use: the built-in ones and any an admin adds (e.g. "Customer liaison"). */
export function IncidentRolesSection() {
  const { user: me } = useSignedIn();
  const isAdmin = roleAtLeast(me.role, 'admin');
  const roles = useRoleTypes();
  const remove = useDeleteRoleType();
  const [adding, setAdding] = useState(false);

  return (
    <Section
      title="Incident roles"
      description="Who does what during an incident. The commander assigns them on the incident page."
      action={
        isAdmin && (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            New role
          </Button>
        )
      }
    >
      <Table verticalSpacing="xs" aria-label="Incident roles">
        <Table.Tbody>
          {(roles.data ?? []).map((role) => (
            <Table.Tr key={role.key}>
              <Table.Td w={220}>
                <Text size="sm" fw={500}>
                  {role.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {role.key}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{role.description}</Text>
              </Table.Td>
              <Table.Td w={240}>
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {[role.builtIn ? 'Built in' : 'Custom', role.multiple ? 'several holders' : 'one holder'].join(
                      ' · ',
                    )}
                  </Text>
                  {!role.builtIn && isAdmin && (
                    <ConfirmButton
                      title={`Delete the ${role.name} role?`}
                      message="Incidents keep the history of who held it; nobody can be given it any more."
                      aria-label={`Delete ${role.name}`}
                      onConfirm={() => remove.mutateAsync(role)}
                      pending={remove.isPending}
                      error={remove.error}
                    >
                      Delete
                    </ConfirmButton>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding && <NewRoleModal onClose={() => setAdding(false)} />}
    </Section>
  );
}

function NewRoleModal({ onClose }: { onClose: () => void }) {
  const create = useCreateRoleType();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  const [multiple, setMultiple] = useState(false);
  const errors = fieldErrors(create.error);
  // A key follows the name until someone edits it.
  const suggested = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ key: key || suggested, name, description, multiple }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title="New incident role">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={create.error} fields={['key', 'name', 'description', 'multiple']} />
          <TextInput
            label="Name"
            placeholder="Customer liaison"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="Key"
            description="Used by the API and CLI"
            placeholder={suggested || 'customer_liaison'}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={errors.key}
          />
          <Textarea
            label="What the person does"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Switch
            label="Several people may hold it at once"
            checked={multiple}
            onChange={(e) => setMultiple(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || !(key || suggested)}>
              Add role
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
