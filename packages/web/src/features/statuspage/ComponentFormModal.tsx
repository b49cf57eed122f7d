import type { ComponentGroup, StatusComponent } from '@firebreak/shared';
import { Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useServices } from '../directory/directory.api.js';
import { useSaveComponent } from './statuspage.api.js';

const FIELDS = ['name', 'description', 'groupId', 'serviceIds'] as const;

/** Adds a component (`component` null) or edits one; mounted only while open. */
export function ComponentFormModal({
  component,
  groups,
  onClose,
}: {
  component: StatusComponent | null;
  groups: ComponentGroup[];
  onClose: () => void;
}) {
  const save = useSaveComponent();
  const services = useServices();
  const [name, setName] = useState(component?.name ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [groupId, setGroupId] = useState<string | null>(component?.groupId ?? null);
  const [serviceIds, setServiceIds] = useState<string[]>(component?.serviceIds ?? []);
  const [onlyShowIfDegraded, setOnlyShowIfDegraded] = useState(component?.onlyShowIfDegraded ?? false);
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: component?.id, name, description, groupId, serviceIds, onlyShowIfDegraded },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={component ? `Edit ${component.name}` : 'New component'}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={save.error} fields={FIELDS} />
          <TextInput
            label="Name"
            description="What customers call it, e.g. Checkout"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label="Description"
            description="One line customers see under the name"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Select
            label="Group"
            placeholder="No group"
            data={groups.map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            clearable
            error={errors.groupId}
          />
          <MultiSelect
            label="Services behind it"
            description="Maintenance on this component silences these services' alerts"
            data={services.items.map((s) => ({ value: s.id, label: s.name }))}
            value={serviceIds}
            onChange={setServiceIds}
            searchable
            clearable
            error={errors.serviceIds}
          />
          <Checkbox
            label="Only show while it has a problem"
            checked={onlyShowIfDegraded}
            onChange={(e) => setOnlyShowIfDegraded(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              {component ? 'Save component' : 'Create component'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
