import type { IntegrationWithKey } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useServices } from '../directory/directory.api.js';
import { useCreateIntegration } from './alerts.api.js';
import { IntegrationKey } from './IntegrationKey.js';
import { KIND_CHOICES, type KindChoice } from './presentation.js';
import { SettingsFields } from './SettingsFields.js';
import { emptyDraft, toInput } from './settings.draft.js';

const FIELDS = ['serviceId', 'name', 'kind', 'graceSeconds', 'heartbeatMinutes', 'mapping.dedupKey', 'mapping.summary'];

type Props = { opened: boolean; onClose: () => void; serviceId: string | undefined };

/** Adds an integration to a service, then shows its URL and key once. */
export function CreateIntegrationModal({ opened, onClose, serviceId }: Props) {
  const services = useServices();
  const create = useCreateIntegration();
  const [service, setService] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<KindChoice>('events_v2');
  const [draft, setDraft] = useState(emptyDraft);
  const [created, setCreated] = useState<IntegrationWithKey | null>(null);
  const errors = fieldErrors(create.error);
  const kind = KIND_CHOICES.find((k) => k.value === choice)!;
  const chosenService = service ?? serviceId ?? null;

  const close = () => {
    // The key leaves memory with the dialog.
    setCreated(null);
    create.reset();
    setName('');
    setService(null);
    setChoice('events_v2');
    setDraft(emptyDraft());
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenService) return;
    create.mutate(
      { serviceId: chosenService, name, kind: kind.kind, ...toInput(draft, kind.kind) },
      { onSuccess: setCreated },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? `Connect ${created.name}` : 'New integration'}
      closeOnClickOutside={!created}
      size="lg"
    >
      {created ? (
        <Stack>
          <IntegrationKey created={created} choice={choice} />
          <Group justify="flex-end">
            <Button onClick={close}>I have copied them</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <ProblemAlert error={create.error} fields={FIELDS} />
            <Select
              label="Service"
              description="Whose alerts these are; its escalation policy is paged"
              required
              searchable
              data={services.items.map((s) => ({ value: s.id, label: s.name }))}
              value={chosenService}
              onChange={setService}
              error={errors.serviceId}
            />
            <Select
              label="Kind"
              data={KIND_CHOICES.map((k) => ({ value: k.value, label: k.label }))}
              value={choice}
              onChange={(v) => v && setChoice(v as KindChoice)}
              allowDeselect={false}
              error={errors.kind}
            />
            <Text size="xs" c="dimmed" mt={-8}>
              {kind.help}
            </Text>
            <TextInput
              label="Name"
              description="What sends the events, e.g. “Prometheus (prod)”"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <SettingsFields kind={kind.kind} draft={draft} onChange={setDraft} errors={errors} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!name.trim() || !chosenService}>
                Create integration
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
