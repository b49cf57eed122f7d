import type { AlertSeverity } from '@firebreak/shared';
import {
  type Errors,
  fail,
  isObject,
  kindOf,
  optionalKey,
  optionalString,
  optionalStringMap,
  optionalTime,
} from './checks.js';
import { contentHash, type InboundAlert, InvalidEvent, type Link } from './event.js';

// Prometheus Alertmanager's webhook_config (version "4") and Grafana's alerting webhook (the same
// envelope plus its own fields, other `version` values). Each alert keeps its labels and annotations;
// its fingerprint is the dedup key and the notification's groupKey becomes the grouping key, so the
// alerts Alertmanager grouped stay one Firebreak group.

/** More alerts than this in one notification is refused (Alertmanager truncates long before). */
export const MAX_ALERTS_PER_NOTIFICATION = 10_000;

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  page: 'critical',
  p1: 'critical',
  error: 'error',
  high: 'error',
  major: 'error',
  p2: 'error',
  warning: 'warning',
  warn: 'warning',
  medium: 'warning',
  minor: 'warning',
  p3: 'warning',
  info: 'info',
  low: 'info',
  none: 'info',
  p4: 'info',
};

/** Severity from a `severity` label; anything unknown or missing pages as `error`. */
export function severityFromLabel(value: string | undefined): AlertSeverity {
  const word = value?.toLowerCase();
  // Own keys only: a label "constructor" must not find Object.prototype's.
  return word !== undefined && Object.hasOwn(SEVERITY_WORDS, word) ? SEVERITY_WORDS[word]! : 'error';
}

const GRAFANA_LINK_FIELDS: [string, string][] = [
  ['dashboardURL', 'Dashboard'],
  ['panelURL', 'Panel'],
  ['silenceURL', 'Silence'],
];

export function parseAlertmanager(body: unknown): InboundAlert[] {
  if (!isObject(body)) throw new InvalidEvent([`the notification must be a JSON object, not ${kindOf(body)}`]);
  const errors: Errors = [];
  const version = optionalString(body.version, 'version', errors, 20) ?? '4';
  const format = version === '4' && body.orgId === undefined ? 'alertmanager' : 'grafana';
  const groupKey = optionalKey(body.groupKey, 'groupKey', errors, 4096);
  const externalUrl = optionalString(body.externalURL, 'externalURL', errors, 2048);
  const receiver = optionalString(body.receiver, 'receiver', errors, 255);
  if (!Array.isArray(body.alerts)) {
    fail(errors, body.alerts === undefined ? "'alerts' is missing" : "'alerts' must be an array");
    throw new InvalidEvent(errors);
  }
  if (body.alerts.length > MAX_ALERTS_PER_NOTIFICATION) {
    throw new InvalidEvent([
      `'alerts' has ${body.alerts.length} alerts; at most ${MAX_ALERTS_PER_NOTIFICATION} per notification`,
    ]);
  }
  const alerts: InboundAlert[] = [];
  for (const [i, raw] of (body.alerts as unknown[]).entries()) {
    const at = `alerts[${i}]`;
    if (!isObject(raw)) {
      fail(errors, `'${at}' must be an object`);
      continue;
    }
    const status = raw.status;
    if (status !== 'firing' && status !== 'resolved') {
      fail(errors, `'${at}.status' must be "firing" or "resolved"`);
      continue;
    }
    const labels = optionalStringMap(raw.labels, `${at}.labels`, errors) ?? {};
    const annotations = optionalStringMap(raw.annotations, `${at}.annotations`, errors) ?? {};
    const startsAt = optionalTime(raw.startsAt, `${at}.startsAt`, errors);
    const endsAt = optionalTime(raw.endsAt, `${at}.endsAt`, errors);
    const fingerprint = optionalKey(raw.fingerprint, `${at}.fingerprint`, errors) ?? labelFingerprint(labels);
    const generatorUrl = optionalString(raw.generatorURL, `${at}.generatorURL`, errors, 2048);
    const links: Link[] = [];
    if (generatorUrl) links.push({ href: generatorUrl, text: 'Source' });
    for (const [field, text] of GRAFANA_LINK_FIELDS) {
      if (typeof raw[field] === 'string' && raw[field]) links.push({ href: raw[field] as string, text });
    }
    const name = labels.alertname;
    const valueString = typeof raw.valueString === 'string' ? raw.valueString : undefined;
    const text = annotations.summary || annotations.description || annotations.message || valueString;
    const summary = (name && text ? `${name}: ${text}` : text || name || `Alert ${fingerprint}`).slice(0, 1024);
    const { labels: _l, annotations: _a, status: _s, fingerprint: _f, ...rest } = raw;
    alerts.push({
      action: status === 'firing' ? 'trigger' : 'resolve',
      dedupKey: fingerprint,
      summary,
      source: (labels.instance || labels.job || labels.service || externalUrl || 'alertmanager').slice(0, 255),
      severity: severityFromLabel(labels.severity),
      occurredAt: status === 'firing' ? startsAt : (endsAt ?? startsAt),
      component: labels.job ?? null,
      sourceGroup: labels.service ?? null,
      className: name ?? null,
      details: JSON.stringify({ ...rest, ...(receiver ? { receiver } : {}) }),
      labels,
      annotations,
      links,
      images: [],
      client: format === 'grafana' ? 'Grafana' : 'Alertmanager',
      clientUrl: externalUrl,
      groupKey,
      format,
      // The alert alone, not the envelope: a re-sent notification (or one that only added other
      // alerts to the group) changes nothing for the alerts it repeats.
      hash: contentHash(JSON.stringify(raw)),
    });
  }
  if (errors.length) throw new InvalidEvent(errors);
  return alerts;
}

// Alertmanager always sends a fingerprint; a hand-written notification without one is keyed by its labels.
function labelFingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
  return contentHash(text);
}
