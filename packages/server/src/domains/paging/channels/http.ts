import { type DeliveryError, permanent, temporary } from './channel.js';

// Outbound HTTP for the webhook-style channels: global fetch with a timeout, and one place that
// decides which answers are worth retrying.

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

/** Sends a request; answers a 2xx, throws a classified DeliveryError otherwise. */
export async function send(
  url: string,
  init: { method?: string; headers: Record<string, string>; body: string },
  options: { timeoutMs: number; now: number },
): Promise<HttpAnswer> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw permanent(`not an http(s) URL: ${url.slice(0, 200)}`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw temporary(`no answer within ${options.timeoutMs / 1000} s`);
    }
    throw temporary(`cannot reach ${new URL(url).host}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
  const body = await response.text().catch(() => '');
  const failure = classifyHttpStatus(response.status, response.headers.get('retry-after'), options.now, body);
  if (failure) throw failure;
  return { status: response.status, body };
}
