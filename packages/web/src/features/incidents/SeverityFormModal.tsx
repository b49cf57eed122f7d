import type { Severity, Urgency } from '@firebreak/shared';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useCreateSeverity, useUpdateSeverity } from './incidents.api.js';

const FIELDS = [
  'key',
  'name',
  'rank',
  'description',
  'examples',
  'updateCadenceMinutes',
  'urgency',
  'upgradeAfterMinutes',
  'postmortemRequired',
  'publicUpdateExpected',
] as const;

const minutesOrNull = (v: number | '') => (v === '' ? null : v);

/** Adds a severity (`severity` null) or edits one. What it sets in motion is spelled out by each field. */
export function SeverityFormModal({
  severity,
  nextRank,
  onClose,
}: {
  severity: Severity | null;
  nextRank: number;
  onClose: () => void;
}) {
  const create = useCreateSeverity();
  const update = useUpdateSeverity();
  const mutation = severity ? update : create;
  const [key, setKey] = useState('');
  const [name, setName] = useState(severity?.name ?? '');
  const [rank, setRank] = useState<number | ''>(severity?.rank ?? nextRank);
  const [description, setDescription] = useState(severity?.description ?? '');
  const [examples, setExamples] = useState((severity?.examples ?? []).join('\n'));
  const [cadence, setCadence] = useState<number | ''>(severity?.updateCadenceMinutes ?? '');
  const [urgency, setUrgency] = useState<Urgency>(severity?.urgency ?? 'low');
  const [upgradeAfter, setUpgradeAfter] = useState<number | ''>(severity?.upgradeAfterMinutes ?? '');
  const [postmortem, setPostmortem] = useState(severity?.postmortemRequired ?? false);
  const [publicUpdate, setPublicUpdate] = useState(severity?.publicUpdateExpected ?? false);
  const errors = fieldErrors(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name,
      rank: rank === '' ? nextRank : rank,
      description,
      examples: examples
        .split('\n')
        .map((e) => e.trim())
        .filter(Boolean),
      updateCadenceMinutes: minutesOrNull(cadence),
      urgency,
      upgradeAfterMinutes: minutesOrNull(upgradeAfter),
      postmortemRequired: postmortem,
      publicUpdateExpected: publicUpdate,
    };
    if (severity) update.mutate({ key: severity.key, ...fields }, { onSuccess: onClose });
    else create.mutate({ key, ...fields }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={severity ? `Edit ${severity.name}` : 'New severity'} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={mutation.error} fields={FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {!severity && (
              <TextInput
                label="Key"
                description="Used in the API and CLI; never changes"
                placeholder="sev5"
                required
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                error={errors.key}
              />
            )}
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <NumberInput
              label="Rank"
              description="1 is the most severe"
              min={1}
              max={99}
              value={rank}
              onChange={(v) => setRank(typeof v === 'number' ? v : '')}
              error={errors.rank}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            description="When to choose it: what is broken and for whom"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Textarea
            label="Examples"
            description="One per line; real cases help people choose quickly"
            autosize
            minRows={3}
            value={examples}
            onChange={(e) => setExamples(e.currentTarget.value)}
            error={errors.examples}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Urgency"
              data={[
                { value: 'high', label: 'High: page at any hour' },
                { value: 'low', label: 'Low: business hours' },
              ]}
              value={urgency}
              onChange={(v) => v && setUrgency(v as Urgency)}
              allowDeselect={false}
              error={errors.urgency}
            />
            <NumberInput
              label="Update every (min)"
              description="Empty: no rhythm"
              min={1}
              value={cadence}
              onChange={(v) => setCadence(typeof v === 'number' ? v : '')}
              error={errors.updateCadenceMinutes}
            />
            <NumberInput
              label="Upgrade prompt after (min)"
              description="Empty: never"
              min={1}
              value={upgradeAfter}
              onChange={(v) => setUpgradeAfter(typeof v === 'number' ? v : '')}
              error={errors.upgradeAfterMinutes}
            />
          </SimpleGrid>
          <Switch
            label="Postmortem required"
            description="A postmortem must be written once it is resolved"
            checked={postmortem}
            onChange={(e) => setPostmortem(e.currentTarget.checked)}
          />
          <Switch
            label="Public update expected"
            description="Customers should hear about it on the status page"
            checked={publicUpdate}
            onChange={(e) => setPublicUpdate(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!name.trim() || (!severity && !key.trim())}>
              {severity ? 'Save severity' : 'Add severity'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
