import type { Alert, AlertGroup, AlertSeverity, AlertStatus } from '@firebreak/shared';
import { Badge, Group, Tooltip } from '@mantine/core';
import { NOTIFY_LABEL, SEVERITY_COLOR, STATUS_COLOR } from './presentation.js';

export function StatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]}>
      {status}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <Badge variant="dot" color={SEVERITY_COLOR[severity]}>
      {severity}
    </Badge>
  );
}

/** Why an alert or group did (not) page: flapping, in maintenance, suppressed, promoted, judged noisy. */
export function GroupMarkers({ group, alerts = [] }: { group: AlertGroup; alerts?: Alert[] }) {
  const notify = NOTIFY_LABEL[group.notifyState];
  return (
    <Group gap={4}>
      <Tooltip label={group.notifyNote || notify.label} multiline maw={320} withArrow>
        <Badge size="sm" variant="outline" color={notify.color}>
          {notify.label}
        </Badge>
      </Tooltip>
      {alerts.some((a) => a.flapping) && <FlappingBadge />}
      {group.notifyState !== 'maintenance' && alerts.some((a) => a.inMaintenance) && <MaintenanceBadge />}
      {group.incidentId && (
        <Badge size="sm" variant="light" color="grape">
          Incident
        </Badge>
      )}
    </Group>
  );
}

export function AlertMarkers({ alert }: { alert: Alert }) {
  return (
    <Group gap={4}>
      {alert.flapping && <FlappingBadge />}
      {alert.inMaintenance && <MaintenanceBadge />}
      {alert.noise && (
        <Badge size="sm" variant="light" color={alert.noise === 'noisy' ? 'orange' : 'teal'}>
          {alert.noise}
        </Badge>
      )}
    </Group>
  );
}

const FlappingBadge = () => (
  <Tooltip label="Changes state too often: pages once and holds its group open" withArrow>
    <Badge size="sm" variant="light" color="pink">
      Flapping
    </Badge>
  </Tooltip>
);

const MaintenanceBadge = () => (
  <Tooltip label="Arrived during a maintenance window: recorded, not paged" withArrow>
    <Badge size="sm" variant="light" color="violet">
      In maintenance
    </Badge>
  </Tooltip>
);
