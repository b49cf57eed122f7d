import { ALERT_ACTIONS, type AlertAction } from '@firebreak/shared';
import {
  detailsJson,
  type Errors,
  fail,
  isObject,
  kindOf,
  optionalKey,
  optionalString,
  requiredString,
} from './checks.js';
import { contentHash, type Image, type InboundAlert, InvalidEvent, type Link, newDedupKey } from './event.js';
import { routingKeyOf } from './events-v2.format.js';

// PagerDuty Events API v1 (`POST /generic/2010-04-15/create_event.json`), still sent by older tools.
// v1 has no severity: its events are treated as `error` (high urgency), as PagerDuty did.

export type ParsedV1 = { routingKey: string; alert: InboundAlert };

export function parseEventsV1(body: unknown, rawText: string): ParsedV1 {
  if (!isObject(body)) throw new InvalidEvent([`the event must be a JSON object, not ${kindOf(body)}`]);
  const errors: Errors = [];
  const routingKey = routingKeyOf(body.service_key, 'service_key', errors);
  const type = body.event_type;
  if (type === undefined || type === null || type === '') fail(errors, "'event_type' is missing or blank");
  else if (!ALERT_ACTIONS.includes(type as AlertAction)) {
    fail(
      errors,
      `'event_type' must be one of trigger, acknowledge, resolve (got ${JSON.stringify(type).slice(0, 40)})`,
    );
  }
  const given = optionalKey(body.incident_key, 'incident_key', errors);
  if (!given && (type === 'acknowledge' || type === 'resolve'))
    fail(errors, `'incident_key' is required for ${type} events`);
  const description =
    type === 'trigger'
      ? requiredString(body.description, 'description', errors, 1024)
      : (optionalString(body.description, 'description', errors, 1024) ?? '');
  const client = optionalString(body.client, 'client', errors, 255);
  const clientUrl = optionalString(body.client_url, 'client_url', errors, 2048);
  const links: Link[] = [];
  const images: Image[] = [];
  if (body.contexts !== undefined && body.contexts !== null) {
    if (!Array.isArray(body.contexts)) fail(errors, "'contexts' must be an array");
    else {
      for (const [i, c] of (body.contexts as unknown[]).slice(0, 50).entries()) {
        if (!isObject(c)) {
          fail(errors, `'contexts[${i}]' must be an object`);
          continue;
        }
        if (c.type === 'image' && typeof c.src === 'string') {
          images.push({ src: c.src, ...(typeof c.href === 'string' ? { href: c.href } : {}) });
        } else if (typeof c.href === 'string') {
          links.push({ href: c.href, ...(typeof c.text === 'string' ? { text: c.text } : {}) });
        } else fail(errors, `'contexts[${i}]' needs an href (link) or src (image)`);
      }
    }
  }
  if (errors.length) throw new InvalidEvent(errors);
  return {
    routingKey,
    alert: {
      action: type as AlertAction,
      dedupKey: given ?? newDedupKey(),
      summary: description,
      source: client ?? 'events-api-v1',
      severity: 'error',
      occurredAt: null,
      component: null,
      sourceGroup: null,
      className: null,
      details: detailsJson(body.details),
      labels: null,
      annotations: null,
      links,
      images,
      client,
      clientUrl,
      groupKey: null,
      format: 'events_v1',
      hash: contentHash(rawText),
    },
  };
}
