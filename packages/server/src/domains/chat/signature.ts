import { createHmac } from 'node:crypto';
import { constantTimeEqual, hashSecret } from '../../core/ids.js';
import { SIGNATURE_WINDOW_MS } from './chat.model.js';

// Slack signs each request: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the app's
// signing secret, with the timestamp in X-Slack-Request-Timestamp. Verified on the raw bytes
// before anything is parsed, in constant time, and only within five minutes of now (replays).

export type SignedRequest = { timestamp: string | undefined; signature: string | undefined; body: string };

export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * True when the signature is Slack's for this body and the timestamp is within the replay window.
 *
 * @example
 * verifySlackSignature(secret, { timestamp: '1531420618', signature: 'v0=a2114d…', body }, 1531420618_000); // true
 */
export function verifySlackSignature(signingSecret: string, request: SignedRequest, now: number): boolean {
  const { timestamp, signature, body } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return false;
  return constantTimeEqual(signature, slackSignature(signingSecret, timestamp, body));
}

/** Mattermost's slash commands (and legacy Slack apps) send a shared token instead of a signature. */
export function verifyToken(expected: string, given: string | undefined): boolean {
  // Hashing first makes the comparison independent of the token's length as well.
  return given !== undefined && given.length > 0 && constantTimeEqual(hashSecret(given), hashSecret(expected));
}
