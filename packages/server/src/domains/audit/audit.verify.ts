import type { AuditVerification } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import { checkLink } from './audit.chain.js';
import { listChainBatch } from './audit.repo.js';

const BATCH = 1000;

/**
 * Walks the whole chain, oldest first, and reports the first entry that does not verify. Reads
 * only, so it runs against a live database (API) or an offline copy (CLI) alike.
 */
export async function verifyAuditChain(ex: Executor): Promise<AuditVerification> {
  let previous: { seq: number; hash: string } | null = null;
  let entries = 0;
  for (;;) {
    const rows = await listChainBatch(ex, previous ? previous.seq : 0, BATCH);
    for (const row of rows) {
      const broken = checkLink(previous, row);
      if (broken) return { ok: false, entries, headHash: previous?.hash ?? null, broken };
      entries++;
      previous = { seq: Number(row.seq), hash: row.hash };
    }
    if (rows.length < BATCH) break;
  }
  return { ok: true, entries, headHash: previous?.hash ?? null, broken: null };
}
