import { z } from 'zod';

// Pure rules about alerts that the server and the web UI both need.

export const ALERT_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export const AlertSeverity = z
  .enum(ALERT_SEVERITIES)
  .describe('How bad the monitoring tool says it is (PagerDuty Common Event Format): critical, error, warning or info');
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Higher is worse; a group takes the worst severity of its alerts. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 4, error: 3, warning: 2, info: 1 };

export const worseSeverity = (a: AlertSeverity, b: AlertSeverity): AlertSeverity =>
  SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;

export const isAlertSeverity = (value: unknown): value is AlertSeverity =>
  value === 'critical' || value === 'error' || value === 'warning' || value === 'info';

export const ALERT_URGENCIES = ['high', 'low'] as const;
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];

/** Default urgency of a page by severity: warnings and infos wait for working hours. */
export const DEFAULT_URGENCY_MAP: Record<AlertSeverity, AlertUrgency> = {
  critical: 'high',
  error: 'high',
  warning: 'low',
  info: 'low',
};

export const ALERT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
export const AlertStatus = z
  .enum(ALERT_STATUSES)
  .describe('triggered: open, nobody on it; acknowledged: someone is on it; resolved: over');
export type AlertStatus = z.infer<typeof AlertStatus>;

export const ALERT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const INTEGRATION_KINDS = ['events_api', 'alertmanager', 'webhook', 'heartbeat'] as const;
export const IntegrationKind = z
  .enum(INTEGRATION_KINDS)
  .describe(
    'events_api: PagerDuty Events API v2/v1 and change events; alertmanager: Prometheus Alertmanager or Grafana webhooks; webhook: any JSON with a field mapping; heartbeat: expects a ping every few minutes',
  );
export type IntegrationKind = z.infer<typeof IntegrationKind>;

export const NOTIFY_STATES = ['pending', 'paged', 'transient', 'maintenance', 'acknowledged', 'unrouted'] as const;
export const NotifyState = z
  .enum(NOTIFY_STATES)
  .describe(
    'pending: waiting for the grace period; paged: a page started; transient: resolved within the grace period, nobody paged; maintenance: the service was in maintenance, nobody paged; acknowledged: someone took it before the page was due; unrouted: the service has no escalation policy or team to page',
  );
export type NotifyState = z.infer<typeof NotifyState>;

export const NOISE_VERDICTS = ['useful', 'noisy'] as const;
export const NoiseVerdict = z.enum(NOISE_VERDICTS).describe('Was this alert worth someone’s attention?');
export type NoiseVerdict = z.infer<typeof NoiseVerdict>;
