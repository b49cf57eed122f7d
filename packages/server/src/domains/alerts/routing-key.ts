import { randomBytes } from 'node:crypto';
import type { IntegrationKind } from '@firebreak/shared';
import { sha256Hex } from './inbound/event.js';

/**
 * A routing key: 128 bits from the CSPRNG as 32 hex characters — the length PagerDuty's own
 * integration keys have, which some senders check.
 */
export const newRoutingKey = (): string => randomBytes(16).toString('hex');

// Every inbound event hashes its key; a busy integration sends the same key thousands of times a
// second. The cache maps key → hash only (a pure function), so a rotated key can never be served stale.
const recentHashes = new Map<string, string>();
const CACHE_SIZE = 10_000;

/** Only this hash (sha256, hex — as `hashSecret`) is stored; inbound events are looked up by it. */
export function hashRoutingKey(key: string): string {
  let hash = recentHashes.get(key);
  if (hash === undefined) {
    if (recentHashes.size >= CACHE_SIZE) recentHashes.clear();
    hash = sha256Hex(key);
    recentHashes.set(key, hash);
  }
  return hash;
}

export const keyHintOf = (key: string): string => key.slice(-4);

const PATHS: Record<IntegrationKind, string | null> = {
  events_api: null,
  alertmanager: '/integrations/alertmanager/',
  webhook: '/integrations/webhook/',
  heartbeat: '/integrations/heartbeat/',
};

/**
 * Where a tool sends events. Events API integrations share one URL (the key travels in the body);
 * the others carry the key in the URL, masked unless the key itself is given.
 */
export function endpointUrl(publicUrl: string, kind: IntegrationKind, key: string | { hint: string }): string {
  const path = PATHS[kind];
  if (path === null) return `${publicUrl}/v2/enqueue`;
  return `${publicUrl}${path}${typeof key === 'string' ? key : `…${key.hint}`}`;
}
