import type { AlertGroup } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSeverities } from '../incidents/incidents.api.js';
import { usePromoteGroup } from './alerts.api.js';

const FIELDS = ['severity', 'title'] as const;

/** Declares an incident for an alert group; the two stay linked and the incident page opens. */
export function PromoteGroupModal({ group, onClose }: { group: AlertGroup | null; onClose: () => void }) {
  const severities = useSeverities();
  const promote = usePromoteGroup();
  const navigate = useNavigate();
  const [severity, setSeverity] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const errors = fieldErrors(promote.error);
  const chosen = severity ?? severities.data?.[Math.min(1, (severities.data?.length ?? 1) - 1)]?.key ?? null;

  const close = () => {
    promote.reset();
    setSeverity(null);
    setTitle('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!group || !chosen) return;
    promote.mutate(
      { id: group.id, input: { severity: chosen, ...(title.trim() && { title: title.trim() }) } },
      {
        onSuccess: (result) => {
          close();
          navigate(`/incidents/${result.incidentNumber}`);
        },
      },
    );
  };

  return (
    <Modal opened={group !== null} onClose={close} title="Promote to incident">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={promote.error} fields={FIELDS} />
          <Select
            label="Severity"
            data={(severities.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
            value={chosen}
            onChange={setSeverity}
            allowDeselect={false}
            error={errors.severity}
          />
          <TextInput
            label="Title"
            placeholder={group?.title}
            description="Leave empty to use the alert group's title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={promote.isPending} disabled={!chosen}>
              Declare incident
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
