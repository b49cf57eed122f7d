import { sql } from 'kysely';
import type { AppContext } from '../../../core/context.js';
import { type AuditContent, chainHash, GENESIS_HASH } from '../audit.chain.js';
import { getLastEntry, insertEntry } from '../audit.repo.js';

/** Any fixed number, shared by every process appending to the same PostgreSQL database. */
const AUDIT_LOCK_KEY = 4_607_301_921;

/**
 * Appends an entry at the end of the chain. Appends are serialised so the chain stays linear:
 * on PostgreSQL a transaction-scoped advisory lock makes concurrent processes take turns; SQLite
 * has one writer at a time. The primary key on `seq` refuses a fork even if that ever failed.
 *
 * @example
 * await appendAuditEntry(ctx, { at: ctx.clock.now(), actor_user_id: user.id, ... });
 */
export async function appendAuditEntry(ctx: AppContext, content: AuditContent): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    if (ctx.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await getLastEntry(trx);
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row = { ...content, seq };
    await insertEntry(trx, { ...row, prev_hash: prevHash, hash: chainHash(prevHash, row) });
    return seq;
  });
}
