import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useServices } from '../directory/directory.api.js';
import { PlainLanguageHint } from './PlainLanguageHint.js';
import { useComponents, useScheduleMaintenance } from './statuspage.api.js';

const FIELDS = ['name', 'body', 'scheduledFor', 'scheduledUntil', 'componentIds', 'serviceIds'] as const;

/** `datetime-local` speaks the browser's zone without an offset; the wire wants ISO with one. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

export function ScheduleMaintenanceModal({ onClose }: { onClose: () => void }) {
  const schedule = useScheduleMaintenance();
  const components = useComponents();
  const services = useServices();
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [componentIds, setComponentIds] = useState<string[]>([]);
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const errors = fieldErrors(schedule.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate(
      { name, body, scheduledFor: toIso(from), scheduledUntil: toIso(until), componentIds, serviceIds },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Schedule maintenance" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={schedule.error} fields={FIELDS} />
          <TextInput
            label="Title"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Textarea
            label="What will happen"
            description="What customers will notice, and for how long"
            required
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
          />
          <PlainLanguageHint text={body} />
          <Group grow>
            <TextInput
              type="datetime-local"
              label="Starts"
              required
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={errors.scheduledFor}
            />
            <TextInput
              type="datetime-local"
              label="Ends"
              required
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
              error={errors.scheduledUntil}
            />
          </Group>
          <MultiSelect
            label="Components"
            description="Shown as under maintenance while it runs"
            data={(components.data?.components ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={componentIds}
            onChange={setComponentIds}
            error={errors.componentIds}
          />
          <MultiSelect
            label="Services"
            description="Their alerts are recorded, not paged, while it runs"
            data={services.items.map((s) => ({ value: s.id, label: s.name }))}
            value={serviceIds}
            onChange={setServiceIds}
            searchable
            error={errors.serviceIds}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={schedule.isPending}
              disabled={!name.trim() || !body.trim() || !from || !until}
            >
              Schedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
