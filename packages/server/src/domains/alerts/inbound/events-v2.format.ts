import { ALERT_ACTIONS, type AlertAction, isAlertSeverity } from '@firebreak/shared';
import {
  detailsJson,
  type Errors,
  fail,
  isObject,
  kindOf,
  optionalImages,
  optionalKey,
  optionalLinks,
  optionalString,
  optionalTime,
  requiredString,
} from './checks.js';
import { contentHash, type InboundAlert, type InboundChange, InvalidEvent, newDedupKey } from './event.js';

// PagerDuty Events API v2 (`POST /v2/enqueue`) and change events (`POST /v2/change/enqueue`),
// validated the way PagerDuty does: the same required fields, the same limits.

export const ROUTING_KEY_LENGTH = 32;
const SUMMARY_MAX = 1024;

export type ParsedV2 = { routingKey: string; alert: InboundAlert };

export function routingKeyOf(value: unknown, field: string, errors: Errors): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(errors, `'${field}' is missing or blank`);
    return '';
  }
  if (value.length !== ROUTING_KEY_LENGTH) {
    fail(errors, `Length of '${field}' is incorrect (should be ${ROUTING_KEY_LENGTH} characters)`);
  }
  return value;
}

/**
 * Validates one Events API v2 alert event.
 *
 * @example
 * const { routingKey, alert } = parseEventsV2(JSON.parse(body), body);
 */
export function parseEventsV2(body: unknown, rawText: string): ParsedV2 {
  if (!isObject(body)) throw new InvalidEvent([`the event must be a JSON object, not ${kindOf(body)}`]);
  const errors: Errors = [];
  const routingKey = routingKeyOf(body.routing_key, 'routing_key', errors);
  const action = body.event_action;
  if (action === undefined || action === null || action === '') fail(errors, "'event_action' is missing or blank");
  else if (!ALERT_ACTIONS.includes(action as AlertAction)) {
    fail(
      errors,
      `'event_action' must be one of trigger, acknowledge, resolve (got ${JSON.stringify(action).slice(0, 40)})`,
    );
  }
  const given = optionalKey(body.dedup_key, 'dedup_key', errors);
  if (!given && (action === 'acknowledge' || action === 'resolve')) {
    fail(errors, `'dedup_key' is required for ${action} events`);
  }
  const payload = body.payload;
  let summary = '';
  let source = '';
  let severity: InboundAlert['severity'] = 'error';
  let occurredAt: number | null = null;
  let component: string | null = null;
  let sourceGroup: string | null = null;
  let className: string | null = null;
  let details: string | null = null;
  if (action === 'trigger') {
    if (!isObject(payload))
      fail(errors, payload === undefined ? "'payload' is missing" : "'payload' must be an object");
    else {
      summary = requiredString(payload.summary, 'payload.summary', errors, SUMMARY_MAX);
      source = requiredString(payload.source, 'payload.source', errors, 255);
      if (isAlertSeverity(payload.severity)) severity = payload.severity;
      else if (payload.severity === undefined || payload.severity === null || payload.severity === '') {
        fail(errors, "'payload.severity' is missing or blank");
      } else {
        fail(
          errors,
          `'payload.severity' must be one of critical, error, warning, info (got ${JSON.stringify(payload.severity).slice(0, 40)})`,
        );
      }
    }
  }
  if (isObject(payload)) {
    if (action !== 'trigger') {
      summary = optionalString(payload.summary, 'payload.summary', errors, SUMMARY_MAX) ?? '';
      source = optionalString(payload.source, 'payload.source', errors, 255) ?? '';
    }
    occurredAt = optionalTime(payload.timestamp, 'payload.timestamp', errors);
    component = optionalString(payload.component, 'payload.component', errors, 255);
    sourceGroup = optionalString(payload.group, 'payload.group', errors, 255);
    className = optionalString(payload.class, 'payload.class', errors, 255);
    details = detailsJson(payload.custom_details);
  } else if (payload !== undefined && payload !== null && action !== 'trigger') {
    fail(errors, "'payload' must be an object");
  }
  const links = optionalLinks(body.links, 'links', errors);
  const images = optionalImages(body.images, 'images', errors);
  const client = optionalString(body.client, 'client', errors, 255);
  const clientUrl = optionalString(body.client_url, 'client_url', errors, 2048);
  if (errors.length) throw new InvalidEvent(errors);
  return {
    routingKey,
    alert: {
      action: action as AlertAction,
      dedupKey: given ?? newDedupKey(),
      summary,
      source,
      severity,
      occurredAt,
      component,
      sourceGroup,
      className,
      details,
      labels: null,
      annotations: null,
      links,
      images,
      client,
      clientUrl,
      groupKey: null,
      format: 'events_v2',
      hash: contentHash(rawText),
    },
  };
}

export type ParsedChange = { routingKey: string; change: InboundChange };

/** Validates one change event (`POST /v2/change/enqueue`). */
export function parseChangeEvent(body: unknown): ParsedChange {
  if (!isObject(body)) throw new InvalidEvent([`the event must be a JSON object, not ${kindOf(body)}`]);
  const errors: Errors = [];
  const routingKey = routingKeyOf(body.routing_key, 'routing_key', errors);
  const payload = body.payload;
  let change: InboundChange = { summary: '', source: null, occurredAt: null, details: null, links: [] };
  if (!isObject(payload)) fail(errors, payload === undefined ? "'payload' is missing" : "'payload' must be an object");
  else {
    change = {
      summary: requiredString(payload.summary, 'payload.summary', errors, SUMMARY_MAX),
      source: optionalString(payload.source, 'payload.source', errors, 255),
      occurredAt: optionalTime(payload.timestamp, 'payload.timestamp', errors),
      details: detailsJson(payload.custom_details),
      links: [],
    };
  }
  change.links = optionalLinks(body.links, 'links', errors);
  if (errors.length) throw new InvalidEvent(errors);
  return { routingKey, change };
}
