import { z } from 'zod';
import { Id, IsoTime } from '../common/page.js';

export const NotificationRule = z.strictObject({
  contactMethodId: Id.describe('One of your contact methods'),
  delayMinutes: z.number().int().min(0).max(1440).describe('Minutes after you are paged'),
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const NotificationRules = z.object({
  high: z.array(NotificationRule).max(20).describe('For high-urgency pages'),
  low: z.array(NotificationRule).max(20).describe('For low-urgency pages'),
  isDefault: z
    .object({ high: z.boolean(), low: z.boolean() })
    .describe('True when the list is empty and the default applies: every contact method at 0 minutes'),
});
export type NotificationRules = z.infer<typeof NotificationRules>;

export const NotificationRulesInput = z.strictObject({
  high: z.array(NotificationRule).max(20).describe('Empty for the default: every contact method at 0 minutes'),
  low: z.array(NotificationRule).max(20).describe('Empty for the default: every contact method at 0 minutes'),
});
export type NotificationRulesInput = z.infer<typeof NotificationRulesInput>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm, e.g. 09:00');

export const WorkingHours = z.strictObject({
  days: z.array(z.number().int().min(1).max(7)).max(7).describe('ISO weekdays you work: 1 = Monday … 7 = Sunday'),
  start: ClockTime.describe('Local start, HH:mm'),
  end: ClockTime.describe('Local end, HH:mm; earlier than start for a shift past midnight'),
  timeZone: z.string().nullable().describe('IANA zone; null follows your profile time zone'),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  timeZone: null,
};

export const FailingContactMethod = z.object({
  contactMethodId: Id,
  user: z.object({ id: Id, name: z.string() }),
  kind: z.string(),
  label: z.string(),
  address: z.string(),
  failures: z.number().int().describe('Failed notifications in a row, newest first'),
  lastError: z.string().nullable(),
  lastFailedAt: IsoTime,
});
export type FailingContactMethod = z.infer<typeof FailingContactMethod>;

export const ReadinessEntry = z.object({
  user: z.object({ id: Id, name: z.string() }),
  onCallFrom: IsoTime.nullable().describe(
    'Start of their first on-call stretch in the window; null if named in a policy',
  ),
  reason: z.string().describe('Why a high-urgency page may not reach them'),
});
export type ReadinessEntry = z.infer<typeof ReadinessEntry>;

export const Readiness = z.object({
  from: IsoTime,
  to: IsoTime,
  items: z
    .array(ReadinessEntry)
    .describe('People on call in the window without a verified high-urgency contact method'),
});
export type Readiness = z.infer<typeof Readiness>;

export const TestNotification = z.object({
  notificationId: Id.describe('Follow its delivery in the outbox; the method counts as verified once delivered'),
});

export const InboxItem = z.object({
  id: Id,
  pageId: Id.nullable().describe('The page this is about; null for a notice (a reminder, a handoff)'),
  summary: z.string(),
  url: z.string().nullable().describe("Where to act on a notice (the incident's or schedule's page); null for pages"),
  urgency: z.string(),
  createdAt: IsoTime,
  readAt: IsoTime.nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const SigningSecret = z.object({
  secret: z.string().describe('HMAC-SHA256 key for verifying Firebreak-Signature on this webhook'),
  rotatingUntil: IsoTime.nullable().describe(
    'While a rotation is under way: until when the previous secret also signs (a second v1 in the header); null otherwise',
  ),
});
export type SigningSecret = z.infer<typeof SigningSecret>;

export const ContactMethodCheck = z.object({
  contactMethodId: Id,
  verifiedAt: IsoTime.nullable().describe(
    'When a test notification (or the directory) confirmed it works; null: not yet',
  ),
  lastTest: z
    .object({
      notificationId: Id,
      status: z.enum(['pending', 'sending', 'retrying', 'sent', 'failed', 'cancelled']),
      error: z.string().nullable(),
      at: IsoTime.describe('When the test was sent'),
    })
    .nullable()
    .describe('The latest test notification to this method'),
});
export type ContactMethodCheck = z.infer<typeof ContactMethodCheck>;
