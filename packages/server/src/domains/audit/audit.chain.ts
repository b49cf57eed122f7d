import { createHash } from 'node:crypto';
import type { AuditLogTable } from './audit.model.js';

/** What the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it is placed in the chain. */
export type AuditContent = Omit<AuditLogTable, 'seq' | 'prev_hash' | 'hash'>;

/**
 * The bytes an entry's hash covers: every column but the hashes, in a fixed order. An array
 * (not an object) so that the order can never depend on how a driver built the row.
 */
export function canonicalContent(row: Omit<AuditLogTable, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    Number(row.seq),
    Number(row.at),
    row.actor_user_id,
    row.actor_name,
    row.actor_via,
    row.token_id,
    row.ip,
    row.user_agent,
    row.method,
    row.route,
    row.params,
    row.resource_ids,
    Number(row.status),
    row.request_id,
  ]);
}

/**
 * sha256(previous hash + canonical content): changing any column of an entry changes its hash,
 * and so breaks the link from the entry after it.
 *
 * @example
 * const hash = chainHash(GENESIS_HASH, { seq: 1, at: 0, ... });
 */
export function chainHash(prevHash: string, row: Omit<AuditLogTable, 'prev_hash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(row)).digest('hex');
}

/** JSON with sorted keys, so equal objects always hash alike. */
export function canonicalJson(value: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks one entry against the one before it (null for the first). Pure, so the API and the
 * offline CLI verify alike.
 */
export function checkLink(previous: Pick<AuditLogTable, 'seq' | 'hash'> | null, row: AuditLogTable): ChainBreak | null {
  const seq = Number(row.seq);
  const expectedSeq = previous ? Number(previous.seq) + 1 : 1;
  if (seq !== expectedSeq) {
    return { seq, reason: `expected entry #${expectedSeq} here: entries are missing before it` };
  }
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.prev_hash !== expectedPrev) {
    return { seq, reason: 'its previous-hash does not match the entry before it (an entry was changed or removed)' };
  }
  if (chainHash(row.prev_hash, row) !== row.hash) {
    return { seq, reason: 'its content does not match its hash (the entry was changed)' };
  }
  return null;
}
