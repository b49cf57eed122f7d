import { type AlertAction, type AlertSeverity, isAlertSeverity, type WebhookMapping } from '@firebreak/shared';
import { type Errors, fail, isObject, kindOf, optionalKey } from './checks.js';
import { contentHash, type InboundAlert, InvalidEvent } from './event.js';

// Any JSON webhook, mapped by the integration's dotted paths onto dedup key, summary, severity and
// status. One body may carry one alert or (with `alertsPath`) an array of them.

/** Reads a dotted path (`a.b.0.c`); array indexes are numbers. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}

const scalarText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

export function parseWebhook(body: unknown, mapping: WebhookMapping): InboundAlert[] {
  if (!isObject(body) && !Array.isArray(body)) {
    throw new InvalidEvent([`the body must be a JSON object or array, not ${kindOf(body)}`]);
  }
  const errors: Errors = [];
  let items: unknown[];
  if (mapping.alertsPath) {
    const found = readPath(body, mapping.alertsPath);
    if (!Array.isArray(found))
      throw new InvalidEvent([`'${mapping.alertsPath}' (alertsPath) must be an array of alerts`]);
    items = found;
  } else items = [body];
  if (items.length > 10_000) throw new InvalidEvent([`${items.length} alerts in one request; at most 10000`]);
  const resolved = new Set(mapping.resolvedValues.map((v) => v.toLowerCase()));
  const acknowledged = new Set(mapping.acknowledgedValues.map((v) => v.toLowerCase()));
  const alerts: InboundAlert[] = [];
  for (const [i, item] of items.entries()) {
    const at = mapping.alertsPath ? `${mapping.alertsPath}.${i}.` : '';
    const dedupKey = optionalKey(readPath(item, mapping.dedupKey), `${at}${mapping.dedupKey}`, errors);
    if (!dedupKey) {
      fail(errors, `'${at}${mapping.dedupKey}' (the dedup key) is missing`);
      continue;
    }
    const statusText = mapping.status ? scalarText(readPath(item, mapping.status))?.toLowerCase() : undefined;
    const action: AlertAction =
      statusText && resolved.has(statusText)
        ? 'resolve'
        : statusText && acknowledged.has(statusText)
          ? 'acknowledge'
          : 'trigger';
    const summary = scalarText(readPath(item, mapping.summary));
    if (!summary?.trim() && action === 'trigger') {
      fail(errors, `'${at}${mapping.summary}' (the summary) is missing or blank`);
      continue;
    }
    const severityText = mapping.severity ? scalarText(readPath(item, mapping.severity)) : null;
    alerts.push({
      action,
      dedupKey,
      summary: (summary ?? '').slice(0, 1024),
      source: ((mapping.source && scalarText(readPath(item, mapping.source))) || 'webhook').slice(0, 255),
      severity: severityOf(severityText, mapping),
      occurredAt: null,
      component: null,
      sourceGroup: null,
      className: null,
      details: JSON.stringify(item),
      labels: null,
      annotations: null,
      links: [],
      images: [],
      client: null,
      clientUrl: null,
      groupKey: null,
      format: 'webhook',
      hash: contentHash(JSON.stringify(item)),
    });
  }
  if (errors.length) throw new InvalidEvent(errors);
  return alerts;
}

function severityOf(text: string | null, mapping: WebhookMapping): AlertSeverity {
  if (text === null) return mapping.defaultSeverity;
  const mapped = Object.hasOwn(mapping.severityMap, text) ? mapping.severityMap[text] : undefined;
  if (mapped) return mapped;
  const lower = text.toLowerCase();
  return isAlertSeverity(lower) ? lower : mapping.defaultSeverity;
}
