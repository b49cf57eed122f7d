import type { IncidentSummary } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { OPEN_STATUSES, useIncidentList, useMergeIncident } from './incidents.api.js';

const FIELDS = ['into', 'reason'] as const;

/** Folds a report or a duplicate into an open incident, whose timeline then notes it. */
export function MergeIncidentModal({
  incident,
  onClose,
}: {
  incident: Pick<IncidentSummary, 'id' | 'number' | 'title'>;
  onClose: () => void;
}) {
  const merge = useMergeIncident(incident.number);
  const open = useIncidentList({ status: OPEN_STATUSES.filter((s) => s !== 'triage').join(',') });
  const [into, setInto] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(merge.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (into) merge.mutate({ into, ...(reason.trim() && { reason }) }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={`Merge ${incident.number} into another incident`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            “{incident.title}” ends as merged; its reporter and subscribers follow the incident you choose.
          </Text>
          <ProblemAlert error={merge.error} fields={FIELDS} />
          <Select
            label="Merge into"
            placeholder="Choose an open incident"
            required
            searchable
            data={open.items
              .filter((i) => i.id !== incident.id)
              .map((i) => ({ value: i.number, label: `${i.number} ${i.title}` }))}
            value={into}
            onChange={setInto}
            nothingFoundMessage={open.isPending ? 'Loading…' : 'No open incident matches'}
            error={errors.into}
          />
          <Textarea
            label="Reason"
            description="Optional, e.g. “same 502s as INC-12”"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={merge.isPending} disabled={!into}>
              Merge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
