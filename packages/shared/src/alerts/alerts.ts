import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { AlertSeverity, AlertStatus, NoiseVerdict, NotifyState } from './severity.js';

const PersonRef = z.object({ id: Id, name: z.string() });

export const AlertLink = z.object({ href: z.string(), text: z.string().optional() });
export const AlertImage = z.object({ src: z.string(), href: z.string().optional(), alt: z.string().optional() });

export const Alert = z.object({
  id: Id,
  integrationId: Id,
  serviceId: Id,
  groupId: Id,
  dedupKey: z.string().describe('Events with this key (on this integration) update this alert while it is open'),
  status: AlertStatus,
  severity: AlertSeverity,
  summary: z.string(),
  source: z.string().describe('The affected system, e.g. a host name'),
  component: z.string().nullable(),
  group: z.string().nullable().describe('Logical group of components from the sender (PagerDuty `payload.group`)'),
  class: z.string().nullable(),
  details: z.unknown().nullable().describe('custom_details / the original alert, as sent'),
  labels: z.record(z.string(), z.string()).nullable().describe('Alertmanager/Grafana labels'),
  annotations: z.record(z.string(), z.string()).nullable().describe('Alertmanager/Grafana annotations'),
  links: z.array(AlertLink),
  images: z.array(AlertImage),
  client: z.string().nullable(),
  clientUrl: z.string().nullable(),
  format: z.string().describe('Inbound format: events_v2, events_v1, alertmanager, grafana, webhook, heartbeat, test'),
  eventCount: z.number().int().describe('Events received for this alert (retries of the same content not counted)'),
  flapping: z.boolean().describe('Changed state more often than the integration allows: pages once'),
  inMaintenance: z.boolean().describe('Arrived while its service was in maintenance: recorded, not paged'),
  noise: NoiseVerdict.nullable(),
  occurredAt: IsoTime.nullable().describe('When the sender says it happened'),
  createdAt: IsoTime,
  lastEventAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertEvent = z.object({
  id: Id,
  action: z.enum(['trigger', 'acknowledge', 'resolve']),
  summary: z.string(),
  severity: AlertSeverity.nullable(),
  details: z.unknown().nullable(),
  occurredAt: IsoTime.nullable(),
  receivedAt: IsoTime,
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const AlertDetail = Alert.extend({ events: z.array(AlertEvent).describe('Latest events first (up to 100)') });
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertGroup = z.object({
  id: Id,
  serviceId: Id,
  integrationId: Id.nullable().describe('Integration of the alert that opened the group'),
  groupKey: z
    .string()
    .nullable()
    .describe('What its alerts share (Alertmanager group key, labels…); null: time window'),
  title: z.string(),
  status: AlertStatus,
  severity: AlertSeverity.describe('Worst severity of its alerts'),
  alertCount: z.number().int(),
  openCount: z.number().int().describe('Alerts not yet resolved'),
  notifyState: NotifyState,
  notifyNote: z.string().describe('Why it paged or did not, in words'),
  pageId: Id.nullable(),
  incidentId: Id.nullable(),
  firstAlertAt: IsoTime,
  lastAlertAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  acknowledgedBy: PersonRef.nullable(),
  resolvedAt: IsoTime.nullable(),
  resolvedBy: PersonRef.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type AlertGroup = z.infer<typeof AlertGroup>;

export const AlertGroupDetail = AlertGroup.extend({
  alerts: z.array(Alert).describe('Its alerts, newest first (up to 200)'),
});
export type AlertGroupDetail = z.infer<typeof AlertGroupDetail>;

const StatusFilter = z
  .enum(['open', 'triggered', 'acknowledged', 'resolved'])
  .describe('open = triggered or acknowledged');

export const AlertListQuery = PageQuery.extend({
  status: StatusFilter.optional(),
  serviceId: Id.optional(),
  integrationId: Id.optional(),
  groupId: Id.optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;

export const AlertGroupListQuery = PageQuery.extend({
  status: StatusFilter.optional(),
  serviceId: Id.optional(),
  incidentId: Id.optional().describe('Groups promoted to (or linked with) this incident'),
});
export type AlertGroupListQuery = z.infer<typeof AlertGroupListQuery>;

export const BulkIdsInput = z.strictObject({ ids: z.array(Id).min(1).max(500).describe('Ids to act on') });
export type BulkIdsInput = z.input<typeof BulkIdsInput>;

export const BulkResult = z.object({
  changed: z.array(Id).describe('Ids that changed'),
  unchanged: z.array(Id).describe('Ids already in that state'),
});
export type BulkResult = z.infer<typeof BulkResult>;

export const NoiseFeedbackInput = z.strictObject({ verdict: NoiseVerdict.nullable().describe('null clears the mark') });
export const BulkNoiseFeedbackInput = BulkIdsInput.extend({ verdict: NoiseVerdict.nullable() });
export type BulkNoiseFeedbackInput = z.input<typeof BulkNoiseFeedbackInput>;

export const PromoteGroupInput = z.strictObject({
  severity: z.string().trim().min(1).max(40).describe('Incident severity key, e.g. `sev2`'),
  title: z.string().trim().min(3).max(200).optional().describe('Defaults to the group title'),
  commanderId: Id.optional().describe('Defaults to you'),
  private: z.boolean().default(false),
});
export type PromoteGroupInput = z.input<typeof PromoteGroupInput>;
