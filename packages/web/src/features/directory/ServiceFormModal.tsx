import type { Service, Team } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useCreateService, useUpdateService } from './directory.api.js';

const FIELDS = ['name', 'description', 'teamId'] as const;

/** Creates a service (`service` null) or edits one; mounted only while open, so it starts fresh. */
export function ServiceFormModal({
  service,
  teams,
  onClose,
}: {
  service: Service | null;
  teams: Team[];
  onClose: () => void;
}) {
  const create = useCreateService();
  const update = useUpdateService();
  const mutation = service ? update : create;
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [teamId, setTeamId] = useState<string | null>(service?.teamId ?? null);
  const errors = fieldErrors(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (service) update.mutate({ id: service.id, name, description, teamId }, { onSuccess: onClose });
    else create.mutate({ name, description, teamId }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={service ? `Edit ${service.name}` : 'New service'}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={mutation.error} fields={FIELDS} />
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
            description="What it does and who depends on it"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Select
            label="Owning team"
            placeholder="No owner"
            data={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={teamId}
            onChange={setTeamId}
            clearable
            searchable
            nothingFoundMessage="No team by that name"
            error={errors.teamId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!name.trim()}>
              {service ? 'Save service' : 'Create service'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
