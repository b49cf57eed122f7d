import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useCreateTeam } from './directory.api.js';

const FIELDS = ['name', 'description'] as const;

export function CreateTeamModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const errors = fieldErrors(create.error);

  const close = () => {
    create.reset();
    setName('');
    setDescription('');
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, description }, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title="New team">
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
          <Textarea
            label="Description"
            description="What the team owns"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create team
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
