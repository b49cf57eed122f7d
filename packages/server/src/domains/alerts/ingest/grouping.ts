import type { InboundAlert } from '../inbound/event.js';
import type { IntegrationConfig } from '../integration-config.js';

// Which group an alert belongs to. An explicit key from the sender (Alertmanager's groupKey) wins;
// then the integration's `groupBy` fields; otherwise null, meaning "the service's open group that
// received an alert within the window" (a storm of unrelated keys still makes one group).

export function groupingKey(config: IntegrationConfig, alert: InboundAlert): string | null {
  if (alert.groupKey) return `${alert.format}:${alert.groupKey}`;
  if (config.groupBy.length === 0) return null;
  return `by:${config.groupBy.map((field) => `${field}=${fieldValue(alert, field) ?? ''}`).join('|')}`;
}

function fieldValue(alert: InboundAlert, field: string): string | null {
  if (field.startsWith('labels.')) return alert.labels?.[field.slice('labels.'.length)] ?? null;
  switch (field) {
    case 'source':
      return alert.source;
    case 'component':
      return alert.component;
    case 'group':
      return alert.sourceGroup;
    case 'class':
      return alert.className;
    case 'severity':
      return alert.severity;
    default:
      return null;
  }
}

/** State changes (trigger ↔ resolve) within the window, oldest first, including one at `now` if given. */
export function recentFlips(flipsJson: string, now: number, windowMs: number, add: boolean): number[] {
  const kept = (JSON.parse(flipsJson) as number[]).filter((t) => t >= now - windowMs);
  if (add) kept.push(now);
  return kept;
}
