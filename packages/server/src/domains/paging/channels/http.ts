import { type OutboundAnswer, OutboundError, outboundRequest } from '../../../core/outbound/request.js';
import type { OutboundRules } from '../../../core/outbound/rules.js';
import { type DeliveryError, permanent, temporary } from './channel.js';

// Outbound HTTP for the webhook-style channels, through core/outbound (allow/deny rules checked at
// connect time, a timeout, no redirects followed), and one place that decides which answers are
// worth retrying.

/** Seconds or an HTTP date, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Null for a 2xx; otherwise the error to throw: 408, 425, 429 and 5xx are temporary (429 and 503
 * with their Retry-After), every other status is permanent (a wrong URL, a revoked hook).
 */
export function classifyHttpStatus(
  status: number,
  retryAfter: string | null,
  now: number,
  detail = '',
): DeliveryError | null {
  if (status >= 200 && status < 300) return null;
  const message = `HTTP ${status}${detail ? `: ${detail.slice(0, 300)}` : ''}`;
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return temporary(message, { httpStatus: status, retryAfterMs: parseRetryAfter(retryAfter, now) });
  }
  return permanent(message, { httpStatus: status });
}

export type HttpAnswer = { status: number; body: string };

/**
 * Sends a request; answers a 2xx, throws a classified DeliveryError otherwise. `rules` are the
 * outbound rules for an address a person entered (core/outbound); null only for the operator's
 * own settings. An address the rules refuse is a permanent failure: it will not change by itself.
 */
export async function send(
  url: string,
  init: { method?: string; headers: Record<string, string>; body: string },
  options: { timeoutMs: number; now: number; rules: OutboundRules | null },
): Promise<HttpAnswer> {
  let answer: OutboundAnswer;
  try {
    answer = await outboundRequest(options.rules, url, init, options);
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    throw err.kind === 'refused' ? permanent(`refused: ${err.message}`) : temporary(err.message);
  }
  const retryAfter = answer.headers['retry-after'];
  const failure = classifyHttpStatus(answer.status, retryAfter ?? null, options.now, answer.body);
  if (failure) throw failure;
  return { status: answer.status, body: answer.body };
}
