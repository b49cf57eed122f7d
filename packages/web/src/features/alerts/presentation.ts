import {
  type AlertGroup,
  type AlertSeverity,
  type AlertStatus,
  type AlertUrgency,
  DEFAULT_URGENCY_MAP,
  type Integration,
  type IntegrationKind,
  type NotifyState,
} from '@firebreak/shared';

export const SEVERITY_COLOR: Record<AlertSeverity, string> = {
  critical: 'red',
  error: 'orange',
  warning: 'yellow',
  info: 'blue',
};

export const STATUS_COLOR: Record<AlertStatus, string> = {
  triggered: 'red',
  acknowledged: 'yellow',
  resolved: 'green',
};

/** What the notify state means to the person in the inbox: was anyone paged, and if not, why. */
export const NOTIFY_LABEL: Record<NotifyState, { label: string; color: string }> = {
  pending: { label: 'Grace period', color: 'gray' },
  paged: { label: 'Paged', color: 'red' },
  transient: { label: 'Suppressed: transient', color: 'gray' },
  maintenance: { label: 'Maintenance', color: 'violet' },
  acknowledged: { label: 'Taken before paging', color: 'teal' },
  unrouted: { label: 'Unrouted', color: 'orange' },
};

/** Urgency of the page a group makes, through the integration's map (or the default one). */
export function urgencyOf(group: AlertGroup, integration: Integration | undefined): AlertUrgency {
  return integration?.urgencyMap[group.severity] ?? DEFAULT_URGENCY_MAP[group.severity];
}

/**
 * The kinds a person picks from. PagerDuty v1 and v2 are the same server kind (one key works on
 * every PagerDuty endpoint); the choice only changes the URL and the help shown.
 */
export type KindChoice = 'events_v2' | 'events_v1' | 'alertmanager' | 'webhook' | 'heartbeat';

export const KIND_CHOICES: { value: KindChoice; kind: IntegrationKind; label: string; help: string }[] = [
  {
    value: 'events_v2',
    kind: 'events_api',
    label: 'PagerDuty Events API v2',
    help: 'Alertmanager pagerduty_configs, Grafana, Datadog, Sentry… any tool that can page PagerDuty: change only its URL.',
  },
  {
    value: 'alertmanager',
    kind: 'alertmanager',
    label: 'Prometheus Alertmanager / Grafana webhook',
    help: 'A webhook_configs receiver; the key is part of the URL. Alertmanager groups become alert groups.',
  },
  {
    value: 'webhook',
    kind: 'webhook',
    label: 'Generic JSON webhook',
    help: 'Any tool that posts JSON: say where the dedup key, summary, severity and status are.',
  },
  {
    value: 'events_v1',
    kind: 'events_api',
    label: 'PagerDuty Events API v1 (legacy)',
    help: 'Older tools posting to create_event.json with a service_key.',
  },
  {
    value: 'heartbeat',
    kind: 'heartbeat',
    label: 'Heartbeat',
    help: 'A job pings the URL every few minutes; a missed ping raises a critical alert.',
  },
];

export const KIND_LABEL: Record<IntegrationKind, string> = {
  events_api: 'PagerDuty Events API',
  alertmanager: 'Alertmanager / Grafana',
  webhook: 'Generic webhook',
  heartbeat: 'Heartbeat',
};

/** PagerDuty v1 posts elsewhere; the server answers the v2 URL for both. */
export function urlForChoice(url: string, choice: KindChoice): string {
  return choice === 'events_v1' ? url.replace(/\/v2\/enqueue$/, '/generic/2010-04-15/create_event.json') : url;
}

export function formatSeconds(seconds: number): string {
  if (seconds === 0) return 'none';
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
