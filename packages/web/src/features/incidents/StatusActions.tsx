import { allowedTransitions, type IncidentDetail, type IncidentStatus } from '@firebreak/shared';
import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/problems.js';
import { useChangeStatus } from './incidents.api.js';
import { MergeIncidentModal } from './MergeIncidentModal.js';
import { STATUS_COLOR, TRANSITION_LABEL } from './presentation.js';
import { TriageActions } from './TriageActions.js';

/** Forward moves first, so the usual next step is the first button a tired responder sees. */
const ORDER: IncidentStatus[] = ['identified', 'monitoring', 'resolved', 'closed', 'investigating', 'merged'];

/**
 * One click per legal next status, exactly those the shared lifecycle rules allow. Triage has its
 * own three actions, since leaving it needs a severity, a reason or a target.
 */
export function StatusActions({ incident }: { incident: IncidentDetail }) {
  const change = useChangeStatus(incident.number);
  const [merging, setMerging] = useState(false);
  const [target, setTarget] = useState<IncidentStatus | null>(null);

  if (incident.status === 'triage') return <TriageActions report={incident} size="sm" />;
  const next = [...allowedTransitions(incident.status)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  if (next.length === 0) return null;

  const label = (to: IncidentStatus) =>
    to === 'investigating' && incident.status === 'resolved' ? 'Reopen' : TRANSITION_LABEL[to];

  return (
    <>
      <Group gap={6} wrap="wrap" role="group" aria-label="Change status">
        {next.map((to) =>
          to === 'merged' ? (
            <Button key={to} size="sm" variant="subtle" color="gray" onClick={() => setMerging(true)}>
              {label(to)}
            </Button>
          ) : (
            <Button
              key={to}
              size="sm"
              variant={to === 'resolved' ? 'filled' : 'light'}
              color={STATUS_COLOR[to]}
              loading={change.isPending && target === to}
              disabled={change.isPending && target !== to}
              onClick={() => {
                setTarget(to);
                change.mutate({ status: to });
              }}
            >
              {label(to)}
            </Button>
          ),
        )}
      </Group>
      {change.error != null && (
        <Alert color="red" role="alert" withCloseButton onClose={() => change.reset()} mt="xs">
          {errorMessage(change.error)}
        </Alert>
      )}
      {merging && <MergeIncidentModal incident={incident} onClose={() => setMerging(false)} />}
    </>
  );
}
