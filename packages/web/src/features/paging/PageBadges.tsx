import type { PageStatus, PageUrgency } from '@firebreak/shared';
import { Badge, type BadgeProps } from '@mantine/core';

const STATUS: Record<PageStatus, { color: string; label: string }> = {
  triggered: { color: 'red', label: 'Triggered' },
  acknowledged: { color: 'yellow', label: 'Acknowledged' },
  resolved: { color: 'green', label: 'Resolved' },
};

export function PageStatusBadge({ status, ...props }: { status: PageStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={STATUS[status].color} style={{ minWidth: 'max-content' }} {...props}>
      {STATUS[status].label}
    </Badge>
  );
}

/** High urgency is filled: it wakes people up, and should stand out in a list. */
export function UrgencyBadge({ urgency, ...props }: { urgency: PageUrgency } & BadgeProps) {
  return (
    <Badge
      variant={urgency === 'high' ? 'filled' : 'light'}
      color={urgency === 'high' ? 'red' : 'gray'}
      style={{ minWidth: 'max-content' }}
      {...props}
    >
      {urgency === 'high' ? 'High' : 'Low'}
    </Badge>
  );
}

/** What a notification's or an attempt's status means, in a word and a colour. */
export const DELIVERY: Record<string, { color: string; label: string }> = {
  pending: { color: 'gray', label: 'Waiting' },
  sending: { color: 'blue', label: 'Sending' },
  retrying: { color: 'orange', label: 'Retrying' },
  sent: { color: 'green', label: 'Delivered' },
  failed: { color: 'red', label: 'Failed' },
  cancelled: { color: 'gray', label: 'Not needed' },
  in_progress: { color: 'blue', label: 'In progress' },
  accepted: { color: 'green', label: 'Accepted' },
  temporary_failure: { color: 'orange', label: 'Temporary failure' },
  permanent_failure: { color: 'red', label: 'Permanent failure' },
  interrupted: { color: 'orange', label: 'Interrupted' },
};

export function DeliveryBadge({ status, ...props }: { status: string } & BadgeProps) {
  const d = DELIVERY[status] ?? { color: 'gray', label: status };
  return (
    <Badge variant="light" color={d.color} style={{ minWidth: 'max-content' }} {...props}>
      {d.label}
    </Badge>
  );
}

export const CHANNEL_LABEL: Record<string, string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Voice call',
  webhook: 'Webhook',
  slack: 'Chat',
  ntfy: 'ntfy',
  in_app: 'In app',
};
