import type { ActionItemPriority, ActionItemStatus, PostmortemStatus, PostmortemSummary } from '@firebreak/shared';
import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format.js';
import {
  ITEM_STATUS_COLOR,
  ITEM_STATUS_LABEL,
  PM_STATUS_COLOR,
  PM_STATUS_LABEL,
  PRIORITY_COLOR,
  PRIORITY_LABEL,
} from './presentation.js';

export function PostmortemStatusBadge({ status, ...props }: { status: PostmortemStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={PM_STATUS_COLOR[status]} {...props}>
      {PM_STATUS_LABEL[status]}
    </Badge>
  );
}

/** A draft past its due date, or an unpublished postmortem past its publish date. */
export function PostmortemOverdueBadge({
  postmortem,
  ...props
}: { postmortem: Pick<PostmortemSummary, 'overdue' | 'status' | 'dueAt' | 'publishDueAt'> } & BadgeProps) {
  if (!postmortem.overdue) return null;
  const draftLate = postmortem.status === 'draft' && postmortem.dueAt && Date.parse(postmortem.dueAt) <= Date.now();
  const label = draftLate
    ? `The draft was due ${formatDateTime(postmortem.dueAt)}`
    : `Publication was due ${formatDateTime(postmortem.publishDueAt)}`;
  return (
    <Tooltip label={label} withArrow>
      <Badge color="red" variant="filled" leftSection={<IconClockExclamation size={12} />} {...props}>
        {draftLate ? 'Draft overdue' : 'Publication overdue'}
      </Badge>
    </Tooltip>
  );
}

export function ItemStatusBadge({ status, ...props }: { status: ActionItemStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={ITEM_STATUS_COLOR[status]} {...props}>
      {ITEM_STATUS_LABEL[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority, ...props }: { priority: ActionItemPriority } & BadgeProps) {
  return (
    <Badge variant="light" color={PRIORITY_COLOR[priority]} {...props}>
      {PRIORITY_LABEL[priority]}
    </Badge>
  );
}
