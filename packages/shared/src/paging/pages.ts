import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';

export const PAGE_URGENCIES = ['high', 'low'] as const;
export const PageUrgency = z
  .enum(PAGE_URGENCIES)
  .describe('high: wakes people up, any time; low: waits for working hours and uses the low-urgency rules');
export type PageUrgency = z.infer<typeof PageUrgency>;

export const PAGE_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
export const PageStatus = z
  .enum(PAGE_STATUSES)
  .describe('triggered: escalating; acknowledged: someone is on it; resolved: over');
export type PageStatus = z.infer<typeof PageStatus>;

export const PAGE_SOURCES = ['manual', 'incident', 'alert'] as const;
export const PageSource = z.enum(PAGE_SOURCES).describe('What started the page');
export type PageSource = z.infer<typeof PageSource>;

/** True while a page may still be acknowledged, escalated or reassigned (a resolved page is over). */
export const isPageOpen = (status: PageStatus): boolean => status !== 'resolved';

export const CreatePageInput = z
  .strictObject({
    serviceId: Id.optional().describe("Page through this service's escalation policy"),
    policyId: Id.optional().describe('Page through this escalation policy'),
    userIds: z.array(Id).min(1).max(50).optional().describe('Page these people directly (no further levels)'),
    teamId: Id.optional().describe('Page this team: its escalation policy if it has one, else every member'),
    summary: z.string().trim().min(1).max(300).describe('One line: what needs attention'),
    details: z.string().max(10_000).default('').describe('More context, shown in every notification'),
    urgency: PageUrgency.default('high'),
    dedupKey: z.string().min(1).max(255).optional().describe('A second page with this key joins the open one'),
    incidentId: Id.optional().describe('Incident this page is about'),
  })
  .refine(
    (v) => [v.serviceId, v.policyId, v.userIds, v.teamId].filter((x) => x !== undefined).length === 1,
    'name exactly one of serviceId, policyId, userIds or teamId',
  );
export type CreatePageInput = z.input<typeof CreatePageInput>;

export const ReassignPageInput = z
  .strictObject({
    userIds: z.array(Id).min(1).max(50).optional().describe('Hand the page to these people'),
    policyId: Id.optional().describe('Hand the page to this escalation policy, from its first level'),
  })
  .refine((v) => (v.userIds === undefined) !== (v.policyId === undefined), 'name exactly one of userIds or policyId');
export type ReassignPageInput = z.input<typeof ReassignPageInput>;

export const PageUserRef = z.object({ id: Id, name: z.string().describe('Display name') });

export const PageView = z.object({
  id: Id,
  source: PageSource,
  status: PageStatus,
  urgency: PageUrgency,
  summary: z.string(),
  details: z.string(),
  serviceId: Id.nullable(),
  teamId: Id.nullable(),
  incidentId: Id.nullable(),
  policyId: Id.nullable().describe('Escalation policy the page runs through; null for people paged directly'),
  dedupKey: z.string().nullable(),
  currentStep: z
    .number()
    .int()
    .describe('0-based escalation step reached so far, counting repeats; -1 before the first'),
  createdBy: PageUserRef.nullable(),
  createdAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  acknowledgedBy: PageUserRef.nullable(),
  resolvedAt: IsoTime.nullable(),
  resolvedBy: PageUserRef.nullable(),
});
export type PageView = z.infer<typeof PageView>;

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'retrying', 'sent', 'failed', 'cancelled'] as const;
export const NotificationStatus = z
  .enum(NOTIFICATION_STATUSES)
  .describe(
    'pending: waiting for its time; retrying: a temporary failure, will try again; sent: accepted; failed: given up',
  );

export const CHANNELS = ['email', 'sms', 'voice', 'webhook', 'slack', 'ntfy', 'in_app'] as const;
export const ChannelKind = z.enum(CHANNELS).describe('How the notification travels');
export type ChannelKind = z.infer<typeof ChannelKind>;

export const DeliveryAttempt = z.object({
  attempt: z.number().int().describe('1-based'),
  status: z.enum(['in_progress', 'accepted', 'temporary_failure', 'permanent_failure', 'interrupted']),
  error: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  startedAt: IsoTime,
  latencyMs: z.number().int().nullable(),
});

export const Notification = z.object({
  id: Id.describe('Also the idempotency key sent to the channel'),
  user: PageUserRef,
  step: z.number().int().nullable(),
  channel: ChannelKind,
  contactMethodId: Id.nullable(),
  address: z.string().describe('Where it went (email, phone, URL); empty for in-app'),
  status: NotificationStatus,
  dueAt: IsoTime,
  sentAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  attempts: z.array(DeliveryAttempt),
});
export type Notification = z.infer<typeof Notification>;

export const EscalationStep = z.object({
  step: z.number().int().describe('0-based, counting repeats'),
  levelIndex: z.number().int().nullable().describe('0-based level of the policy; null for people paged directly'),
  levelName: z.string(),
  reason: z.string().describe('Why this step ran: scheduled, escalated by hand, reassigned, nobody reachable…'),
  startedAt: IsoTime,
  nextStepAt: IsoTime.nullable().describe('When the next level is due unless someone acknowledges'),
  users: z.array(PageUserRef).describe('People this step notified'),
  notifications: z.array(Notification),
});

export const PageLogEntry = z.object({
  kind: z.string().describe('triggered, step, acknowledged, resolved, escalated, reassigned, delivery_failed…'),
  actor: PageUserRef.nullable(),
  text: z.string(),
  at: IsoTime,
});

export const PageDetail = PageView.extend({
  steps: z.array(EscalationStep).describe('Escalation history: who was notified when, through what, with what result'),
  log: z.array(PageLogEntry),
});
export type PageDetail = z.infer<typeof PageDetail>;

export const PageListQuery = PageQuery.extend({
  scope: z.enum(['mine', 'all']).default('mine').describe('mine: pages that reached you or that you started'),
  status: z
    .enum(['open', ...PAGE_STATUSES])
    .optional()
    .describe('open = triggered or acknowledged'),
});
