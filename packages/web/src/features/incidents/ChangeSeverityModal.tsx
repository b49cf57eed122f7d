import type { IncidentDetail } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useChangeSeverity, useSeverities } from './incidents.api.js';
import { SeverityHelp, severityOptions } from './SeverityHelp.js';

const FIELDS = ['severity', 'reason'] as const;

/** Raises or lowers the severity; the reason goes on the timeline, so it is required. */
export function ChangeSeverityModal({ incident, onClose }: { incident: IncidentDetail; onClose: () => void }) {
  const change = useChangeSeverity(incident.number);
  const severities = useSeverities();
  const [severity, setSeverity] = useState<string | null>(incident.severity?.key ?? null);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(change.error);
  const unchanged = severity === incident.severity?.key;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (severity) change.mutate({ severity, reason }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={`Change the severity of ${incident.number}`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={change.error} fields={FIELDS} />
          <Select
            label="New severity"
            data={severityOptions(severities.data ?? [])}
            value={severity}
            onChange={setSeverity}
            allowDeselect={false}
            error={errors.severity}
          />
          <SeverityHelp severity={severities.data?.find((s) => s.key === severity)} />
          <Textarea
            label="Reason"
            description="Shown on the timeline, e.g. “now affects all regions”"
            required
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
            <Button type="submit" loading={change.isPending} disabled={unchanged || !reason.trim()}>
              Change severity
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
