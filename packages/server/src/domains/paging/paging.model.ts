import type { ChannelKind, PageSource, PageStatus, PageUrgency } from '@firebreak/shared';

// Row types of the paging tables (see migrations/2026-11-23-030-paging.ts).

export interface PagesTable {
  id: string;
  source: PageSource;
  status: PageStatus;
  urgency: PageUrgency;
  summary: string;
  details: string;
  service_id: string | null;
  team_id: string | null;
  incident_id: string | null;
  dedup_key: string | null;
  /** Escalation policy of the current assignment; null when people were paged directly. */
  policy_id: string | null;
  /** JSON array of user ids, for a direct assignment (no policy). */
  target_user_ids: string;
  /** Step at which the current assignment began: the policy's level index is `step - assignment_step`. */
  assignment_step: number;
  /** Last step that ran (0-based, counting repeats and reassignments); -1 before the first. */
  current_step: number;
  created_by: string | null;
  created_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  updated_at: number;
}

export interface PageStepsTable {
  id: string;
  page_id: string;
  step: number;
  level_index: number | null;
  level_name: string;
  /** JSON array of the user ids this step notified. */
  user_ids: string;
  reason: StepReason;
  started_at: number;
  next_step_at: number | null;
}

export interface PageLogTable {
  id: string;
  page_id: string;
  kind: string;
  actor_id: string | null;
  text: string;
  at: number;
}

export interface PageRecipientsTable {
  page_id: string;
  user_id: string;
  first_step: number;
  urgency: PageUrgency;
  notified_at: number;
  /** 1 when the page reached the person outside their working hours (on-call load). */
  outside_working_hours: number;
  acknowledged_at: number | null;
  acknowledged_by_recipient: number;
}

export type NotificationStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'cancelled';
export type AttemptStatus = 'in_progress' | 'accepted' | 'temporary_failure' | 'permanent_failure' | 'interrupted';

export interface NotificationsTable {
  /** Also the idempotency key given to the channel. */
  id: string;
  purpose: 'page' | 'test' | 'notice';
  page_id: string | null;
  /** The notice this row delivers (purpose `notice`); see migrations/2026-11-23-031-paging-notices.ts. */
  notice_id?: string | null;
  step: number | null;
  user_id: string;
  contact_method_id: string | null;
  channel: ChannelKind;
  address: string;
  urgency: PageUrgency;
  status: NotificationStatus;
  due_at: number;
  attempts: number;
  last_error: string | null;
  provider_id: string | null;
  sent_at: number | null;
  failed_at: number | null;
  read_at: number | null;
  created_at: number;
}

/** A message to one person that does not escalate: a reminder, a prompt, a handoff. */
export interface NoticesTable {
  id: string;
  user_id: string;
  kind: NoticeKind;
  subject: string;
  text: string;
  url: string | null;
  /** A second notice with this key is not sent (an event delivered twice). */
  dedup_key: string | null;
  created_at: number;
}

export type NoticeKind = 'update_overdue' | 'upgrade_prompt' | 'shift_starting';

export interface NotificationAttemptsTable {
  id: string;
  notification_id: string;
  attempt: number;
  status: AttemptStatus;
  error: string | null;
  http_status: number | null;
  started_at: number;
  finished_at: number | null;
  latency_ms: number | null;
}

export interface NotificationRulesTable {
  id: string;
  user_id: string;
  urgency: PageUrgency;
  position: number;
  contact_method_id: string;
  delay_minutes: number;
}

export interface WorkingHoursTable {
  user_id: string;
  /** JSON array of ISO weekdays (1 = Monday). */
  days: string;
  start_time: string;
  end_time: string;
  time_zone: string | null;
  updated_at: number;
}

export interface PageLinkUsesTable {
  link_id: string;
  page_id: string;
  user_id: string | null;
  action: LinkAction;
  used_at: number;
}

export interface ContactMethodVerificationsTable {
  contact_method_id: string;
  user_id: string;
  notification_id: string;
  verified_at: number;
}

declare module '../../core/db/database.js' {
  interface Tables {
    pages: PagesTable;
    page_steps: PageStepsTable;
    page_log: PageLogTable;
    page_recipients: PageRecipientsTable;
    notifications: NotificationsTable;
    notification_attempts: NotificationAttemptsTable;
    notification_rules: NotificationRulesTable;
    working_hours: WorkingHoursTable;
    page_link_uses: PageLinkUsesTable;
    contact_method_verifications: ContactMethodVerificationsTable;
    notices: NoticesTable;
  }
}

declare module '../../core/events.js' {
  interface DomainEvents {
    'page.triggered': { pageId: string; urgency: PageUrgency; serviceId: string | null; incidentId: string | null };
    'page.acknowledged': { pageId: string; userId: string | null };
    'page.resolved': { pageId: string; userId: string | null };
    /** A step past the first ran: the page reached the next level (on time, by hand, or on reassignment). */
    'page.escalated': {
      pageId: string;
      step: number;
      levelIndex: number | null;
      userIds: string[];
      reason: StepReason;
    };
  }
}

export type StepReason = 'triggered' | 'timeout' | 'unreachable' | 'escalated' | 'reassigned';
export type LinkAction = 'ack' | 'resolve';

export const JOB_ESCALATE = 'page-escalate';
export const JOB_SEND = 'notification-send';

/** Job priorities: high-urgency work always runs before low-urgency work that is due at the same time. */
export const PRIORITY = {
  escalate: { high: 100, low: 40 },
  send: { high: 90, low: 30 },
  test: 20,
  notice: 30,
} as const;

/** A notification is given up after this many attempts (the first included). */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Signed action links work this long after the notification was due. */
export const LINK_LIFETIME_MS = 24 * 60 * 60_000;

export const escalateKey = (pageId: string, step: number) => `${JOB_ESCALATE}:${pageId}:${step}`;
export const sendKey = (notificationId: string) => `${JOB_SEND}:${notificationId}`;
