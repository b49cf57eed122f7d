import type { Transaction } from 'kysely';
import type { AppContext } from '../../../core/context.js';
import type { Tables } from '../../../core/db/database.js';
import { notFound } from '../../../core/errors.js';
import type { DomainEvents, EventName } from '../../../core/events.js';
import type { IncidentRow } from '../../incidents/incidents.model.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import type { PostmortemRow } from '../postmortems.model.js';
import { findVisiblePostmortem, requireWriter } from '../postmortems.policy.js';
import { lockPostmortemRow, noteContribution, updatePostmortemRow } from '../postmortems.repo.js';
import { indexPostmortem } from '../search-document.js';

/** What a change to one postmortem works with, inside one transaction. */
export type PmChange = {
  trx: Transaction<Tables>;
  ctx: AppContext;
  pm: PostmortemRow;
  incident: IncidentRow;
  by: Viewer | null;
  now: number;
  /** Queues an event, emitted only after commit. */
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): void;
};

/**
 * Runs one change to one postmortem: finds it (404 if missing or its incident is not visible to
 * `by`), locks it, lets `apply` write, stamps `updated_at`, records `by` as a contributor,
 * re-indexes a published postmortem for search, commits, then emits the queued events.
 *
 * @example
 * await changePostmortem(ctx, viewer, 'INC-42', 'edit postmortems', async (c) => { … });
 */
export async function changePostmortem<T>(
  ctx: AppContext,
  by: Viewer | null,
  ref: string,
  action: string,
  apply: (change: PmChange) => Promise<T>,
): Promise<T> {
  requireWriter(by, action);
  const events: [EventName, unknown][] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const found = await findVisiblePostmortem(trx, by, ref);
    const pm = await lockPostmortemRow(trx, found.pm.id, ctx.dialect === 'postgres');
    if (!pm) throw notFound('postmortem', ref);
    const now = ctx.clock.now();
    const value = await apply({
      trx,
      ctx,
      pm,
      incident: found.incident,
      by,
      now,
      emit: (name, payload) => {
        events.push([name, payload]);
      },
    });
    await updatePostmortemRow(trx, pm.id, { updated_at: now });
    if (by) await noteContribution(trx, pm.id, by.userId, now);
    await indexPostmortem(trx, pm.id);
    return value;
  });
  for (const [name, payload] of events) ctx.events.emit(name, payload as never);
  return result;
}
