import type { Role } from '@firebreak/shared';
import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useCreateUser } from './directory.api.js';
import { ROLE_OPTIONS } from './roles.js';
import { browserTimeZone, TimeZoneSelect } from './TimeZoneSelect.js';

const FIELDS = ['name', 'email', 'role', 'timeZone', 'password'] as const;

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('responder');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [password, setPassword] = useState('');
  const errors = fieldErrors(create.error);

  const close = () => {
    create.reset();
    setName('');
    setEmail('');
    setPassword('');
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, email, role, timeZone, ...(password && { password }) }, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add user">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={create.error} fields={FIELDS} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            allowDeselect={false}
            description={ROLE_OPTIONS.find((r) => r.value === role)?.description}
            error={errors.role}
          />
          <TimeZoneSelect value={timeZone} onChange={(v) => v && setTimeZone(v)} error={errors.timeZone} />
          <PasswordInput
            label="Initial password"
            description="Optional, at least 12 characters. Without one, give them a one-time sign-in link from the list."
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || !email.trim()}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
