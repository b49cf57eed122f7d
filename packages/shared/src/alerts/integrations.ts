import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';
import { AlertSeverity, IntegrationKind } from './severity.js';

const DottedPath = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'use a dotted path like `alert.labels.severity`');

/** How a generic JSON webhook maps onto an alert: dotted paths into each posted alert. */
export const WebhookMapping = z.strictObject({
  alertsPath: DottedPath.optional().describe('Path of an array of alerts in the body; omit when the body is one alert'),
  dedupKey: DottedPath.describe('Path of the deduplication key, e.g. `id`'),
  summary: DottedPath.describe('Path of the one-line summary'),
  severity: DottedPath.optional().describe('Path of the severity'),
  status: DottedPath.optional().describe('Path of the status; absent means every event triggers'),
  source: DottedPath.optional().describe('Path of the affected system (host, cluster…)'),
  resolvedValues: z
    .array(z.string().min(1).max(50))
    .max(20)
    .default(['resolved', 'ok', 'closed', 'recovered', 'inactive'])
    .describe('Status values (case-insensitive) that resolve the alert'),
  acknowledgedValues: z
    .array(z.string().min(1).max(50))
    .max(20)
    .default(['acknowledged', 'ack'])
    .describe('Status values (case-insensitive) that acknowledge the alert'),
  severityMap: z
    .record(z.string().min(1).max(50), AlertSeverity)
    .default({})
    .describe('Severity values of the tool mapped to ours, e.g. {"P1": "critical"}'),
  defaultSeverity: AlertSeverity.default('error').describe('Severity when the field is missing or unknown'),
});
export type WebhookMapping = z.infer<typeof WebhookMapping>;

/** Declares an incident automatically when a group reaches a severity. */
export const AutoIncidentRule = z.strictObject({
  minSeverity: AlertSeverity.describe('An alert at least this severe declares an incident for its group'),
  incidentSeverity: z.string().trim().min(1).max(40).describe('Severity key of the incident, e.g. `sev2`'),
  commanderId: Id.optional().describe('Commander of the incident; defaults to the person who created the integration'),
});
export type AutoIncidentRule = z.infer<typeof AutoIncidentRule>;

const UrgencyMap = z
  .strictObject({
    critical: z.enum(['high', 'low']).optional(),
    error: z.enum(['high', 'low']).optional(),
    warning: z.enum(['high', 'low']).optional(),
    info: z.enum(['high', 'low']).optional(),
  })
  .describe('Page urgency by severity; unset entries use critical/error → high, warning/info → low');

const settings = {
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .describe('Transient suppression: wait this long before paging; an alert resolved meanwhile pages nobody'),
  groupWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .describe('Alerts of the service arriving within this window of the last one join its open group'),
  groupBy: z
    .array(z.string().trim().min(1).max(100))
    .max(10)
    .describe(
      'Group alerts sharing these fields: `source`, `component`, `group`, `class` or `labels.<name>`; empty groups by time window',
    ),
  urgencyMap: UrgencyMap,
  flapFlips: z.number().int().min(1).max(100).describe('An alert changing state more often than this…'),
  flapWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .describe('…within this many minutes is flapping: it pages once and holds its group open'),
  mapping: WebhookMapping.nullable().describe('Field mapping; required for webhook integrations'),
  autoIncident: AutoIncidentRule.nullable().describe('Declare an incident automatically; null: never'),
  heartbeatMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .describe('Heartbeat integrations: a missed ping for this long raises an alert'),
};

export const CreateIntegrationInput = z.strictObject({
  serviceId: Id.describe('Service whose alerts these are'),
  name: z.string().trim().min(1).max(100).describe('What sends the events, e.g. `Prometheus (prod)`'),
  kind: IntegrationKind,
  graceSeconds: settings.graceSeconds.default(0),
  groupWindowSeconds: settings.groupWindowSeconds.default(300),
  groupBy: settings.groupBy.default([]),
  urgencyMap: settings.urgencyMap.default({}),
  flapFlips: settings.flapFlips.default(4),
  flapWindowMinutes: settings.flapWindowMinutes.default(30),
  mapping: settings.mapping.default(null),
  autoIncident: settings.autoIncident.default(null),
  heartbeatMinutes: settings.heartbeatMinutes.default(null),
});
export type CreateIntegrationInput = z.input<typeof CreateIntegrationInput>;

export const UpdateIntegrationInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  graceSeconds: settings.graceSeconds.optional(),
  groupWindowSeconds: settings.groupWindowSeconds.optional(),
  groupBy: settings.groupBy.optional(),
  urgencyMap: settings.urgencyMap.optional(),
  flapFlips: settings.flapFlips.optional(),
  flapWindowMinutes: settings.flapWindowMinutes.optional(),
  mapping: settings.mapping.optional(),
  autoIncident: settings.autoIncident.optional(),
  heartbeatMinutes: settings.heartbeatMinutes.optional(),
});
export type UpdateIntegrationInput = z.input<typeof UpdateIntegrationInput>;

export const IntegrationStats = z.object({
  alerts: z.number().int().describe('Alerts in the last 28 days'),
  useful: z.number().int().describe('Of those, marked useful'),
  noisy: z.number().int().describe('Of those, marked noisy'),
  noiseRatio: z.number().nullable().describe('noisy / (useful + noisy); null until someone gave feedback'),
  pagesPerWeek: z.number().describe('Pages started by its alert groups, per week, over the last 28 days'),
});
export type IntegrationStats = z.infer<typeof IntegrationStats>;

export const Integration = z.object({
  id: Id,
  serviceId: Id,
  name: z.string(),
  kind: IntegrationKind,
  keyHint: z.string().describe('Last characters of the routing key, to tell keys apart; the key itself is shown once'),
  endpointUrl: z
    .string()
    .describe('Where to send events; for key-in-URL kinds the key part is masked (the full URL is shown once)'),
  graceSeconds: settings.graceSeconds,
  groupWindowSeconds: settings.groupWindowSeconds,
  groupBy: settings.groupBy,
  urgencyMap: UrgencyMap,
  flapFlips: settings.flapFlips,
  flapWindowMinutes: settings.flapWindowMinutes,
  mapping: WebhookMapping.nullable(),
  autoIncident: AutoIncidentRule.nullable(),
  heartbeat: z
    .object({
      intervalMinutes: z.number().int(),
      lastPingAt: IsoTime.nullable(),
      state: z.enum(['waiting', 'ok', 'missed']).describe('waiting: no ping yet; ok: on time; missed: overdue'),
    })
    .nullable(),
  stats: IntegrationStats,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Integration = z.infer<typeof Integration>;

/** Answer of create and rotate: the only time the routing key and the full URL are shown. */
export const IntegrationWithKey = Integration.extend({
  routingKey: z.string().describe('The secret routing key (32 hex characters); shown only now, store it'),
  url: z.string().describe('Copyable URL to configure in the sending tool (contains the key for key-in-URL kinds)'),
});
export type IntegrationWithKey = z.infer<typeof IntegrationWithKey>;

export const IntegrationListQuery = PageQuery.extend({
  serviceId: Id.optional().describe('Only integrations of this service'),
});

export const TestEventInput = z.strictObject({
  severity: AlertSeverity.default('info').describe('Severity of the test alert (info pages with low urgency)'),
  summary: z.string().trim().min(1).max(1024).optional().describe('Defaults to “Test event from Firebreak”'),
});
export type TestEventInput = z.input<typeof TestEventInput>;

export const TestEventResult = z.object({
  dedupKey: z.string().describe('Dedup key of the test alert; send a resolve with it to close it'),
  alertId: Id.nullable(),
});
