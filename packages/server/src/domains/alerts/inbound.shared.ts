import type { FastifyInstance } from 'fastify';
import { replaceNul } from '../../core/nul.js';
import { InvalidEvent } from './inbound/event.js';

// What every inbound endpoint shares: body limit, route options, how a body is read.

/** PagerDuty's own limit. */
export const BODY_LIMIT = 512 * 1024;

// Machine endpoints: no browser reads these answers, so no security headers (helmet rebuilds its
// policy on every request, a real cost at thousands of events a second) and no per-request log lines.
export const INBOUND = {
  config: { access: 'public' as const },
  bodyLimit: BODY_LIMIT,
  helmet: false as const,
  logLevel: 'warn' as const,
};

export const unknownKey = (field: string) =>
  `'${field}' does not match any integration (was the key rotated or the integration deleted?)`;

/** Bodies are parsed by the routes themselves, so any content type and bad JSON get a clear 4xx. */
export function acceptAnyBody(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
}

export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '')
    throw new InvalidEvent(['The request body is empty; send a JSON object']);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InvalidEvent([`The request body is not valid JSON (${(err as Error).message.slice(0, 120)})`]);
  }
  // An alert is not refused for a stray NUL (core/nul.ts). Inside a JSON string a NUL can only come
  // escaped, so almost every body skips the scan.
  return text.includes('\\u0000') ? replaceNul(value) : value;
}
