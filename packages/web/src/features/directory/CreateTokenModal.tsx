import type { CreatedToken, TokenScope } from '@firebreak/shared';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useCreateToken } from './directory.api.js';

const SCOPES: { value: TokenScope; label: string }[] = [
  { value: 'read', label: 'Read: look, never change' },
  { value: 'write', label: 'Write: act on incidents, pages and alerts' },
  { value: 'admin', label: 'Admin: settings and people too' },
];
const FIELDS = ['name', 'scope', 'expiresInDays'] as const;

type Props = { opened: boolean; onClose: () => void; allowAdmin: boolean };

/** Creates a token, then shows its secret exactly once, with a way to copy it. */
export function CreateTokenModal({ opened, onClose, allowAdmin }: Props) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('write');
  const [days, setDays] = useState<number | ''>(90);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const errors = fieldErrors(create.error);

  const close = () => {
    // The secret leaves memory with the dialog; the server keeps only its hash.
    setCreated(null);
    create.reset();
    setName('');
    setScope('write');
    setDays(90);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scope, ...(days !== '' && { expiresInDays: days }) }, { onSuccess: setCreated });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Copy your new token' : 'New API token'}
      closeOnClickOutside={!created}
      size="lg"
    >
      {created ? (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle />} title="Shown only once" role="alert">
            Copy the token now and keep it somewhere safe. Firebreak stores only a hash of it and cannot show it again.
          </Alert>
          <SecretValue value={created.secret} label={`Token ${created.name}`} testId="new-token-secret" />
          <Group justify="flex-end">
            <Button onClick={close}>I have copied it</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <ProblemAlert error={create.error} fields={FIELDS} />
            <TextInput
              label="Name"
              description="What it is for, e.g. “CLI on my laptop” or “Grafana”"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <Select
              label="Scope"
              data={allowAdmin ? SCOPES : SCOPES.filter((s) => s.value !== 'admin')}
              value={scope}
              onChange={(v) => v && setScope(v as TokenScope)}
              allowDeselect={false}
              error={errors.scope}
            />
            <NumberInput
              label="Expires after (days)"
              description="Leave empty for a token that never expires."
              min={1}
              max={3650}
              allowDecimal={false}
              value={days}
              onChange={(v) => setDays(typeof v === 'number' ? v : '')}
              error={errors.expiresInDays}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
