import type { IncidentStatus, SeverityRef } from '@firebreak/shared';
import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format.js';
import { STATUS_COLOR, STATUS_LABEL, severityColor } from './presentation.js';

/** Filled for the two most severe levels, so they stand out in a long list even at a glance. */
export function SeverityBadge({ severity, ...props }: { severity: SeverityRef | null } & BadgeProps) {
  if (!severity) {
    return (
      <Badge variant="outline" color="gray" {...props}>
        Unrated
      </Badge>
    );
  }
  return (
    <Badge
      variant={severity.rank <= 2 ? 'filled' : 'light'}
      color={severityColor(severity)}
      aria-label={`Severity ${severity.name}`}
      {...props}
    >
      {severity.name}
    </Badge>
  );
}

export function StatusBadge({ status, ...props }: { status: IncidentStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={STATUS_COLOR[status]} {...props}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** Shown while a status update is overdue: the most common way stakeholders lose trust. */
export function OverdueBadge({ dueAt, ...props }: { dueAt: string | null } & BadgeProps) {
  return (
    <Tooltip label={`A status update was due ${formatDateTime(dueAt)}`} withArrow>
      <Badge color="red" variant="light" leftSection={<IconClockExclamation size={12} />} {...props}>
        Update overdue
      </Badge>
    </Tooltip>
  );
}
