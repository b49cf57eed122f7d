import type { IncidentSummary } from '@firebreak/shared';
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { useAcceptTriage, useDeclineTriage, useSeverities } from './incidents.api.js';
import { MergeIncidentModal } from './MergeIncidentModal.js';
import { PersonSelect } from './PersonSelect.js';
import { SeverityHelp, severityOptions } from './SeverityHelp.js';

type Report = Pick<IncidentSummary, 'id' | 'number' | 'title'>;
type Open = null | 'accept' | 'decline' | 'merge';

/** The three ways out of triage: it is an incident, it is not, or it is one we already have. */
export function TriageActions({ report, size = 'xs' }: { report: Report; size?: 'xs' | 'sm' }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <Group gap={6} wrap="nowrap">
      <Button size={size} color="red" onClick={() => setOpen('accept')} aria-label={`Accept ${report.number}`}>
        Accept
      </Button>
      <Button size={size} variant="default" onClick={() => setOpen('merge')} aria-label={`Merge ${report.number}`}>
        Merge…
      </Button>
      <Button
        size={size}
        variant="subtle"
        color="gray"
        onClick={() => setOpen('decline')}
        aria-label={`Decline ${report.number}`}
      >
        Decline
      </Button>
      {open === 'accept' && <AcceptModal report={report} onClose={close} />}
      {open === 'decline' && <DeclineModal report={report} onClose={close} />}
      {open === 'merge' && <MergeIncidentModal incident={report} onClose={close} />}
    </Group>
  );
}

const ACCEPT_FIELDS = ['severity', 'commanderId', 'title'] as const;

function AcceptModal({ report, onClose }: { report: Report; onClose: () => void }) {
  const { user: me } = useSignedIn();
  const accept = useAcceptTriage(report.number);
  const severities = useSeverities();
  const [severity, setSeverity] = useState<string | null>(null);
  const [commanderId, setCommanderId] = useState<string | null>(me.id);
  const [title, setTitle] = useState(report.title);
  const errors = fieldErrors(accept.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!severity) return;
    accept.mutate(
      { severity, ...(commanderId && { commanderId }), ...(title.trim() !== report.title && { title: title.trim() }) },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Accept ${report.number} as an incident`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={accept.error} fields={ACCEPT_FIELDS} />
          <TextInput
            label="Title"
            description="Reword the report if it helps responders"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Select
            label="Severity"
            required
            placeholder="Choose a severity"
            data={severityOptions(severities.data ?? [])}
            value={severity}
            onChange={setSeverity}
            allowDeselect={false}
            error={errors.severity}
          />
          <SeverityHelp severity={severities.data?.find((s) => s.key === severity)} />
          <PersonSelect
            label="Commander"
            description="You, unless someone else takes it"
            value={commanderId}
            onChange={setCommanderId}
            error={errors.commanderId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={accept.isPending} disabled={!severity}>
              Accept as incident
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeclineModal({ report, onClose }: { report: Report; onClose: () => void }) {
  const decline = useDeclineTriage(report.number);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(decline.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decline.mutate({ reason }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={`Decline ${report.number}`}>
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={decline.error} fields={['reason']} />
          <Textarea
            label="Why is this not an incident?"
            description="Kept with the report, so whoever filed it can see why"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={decline.isPending} disabled={!reason.trim()}>
              Decline report
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
