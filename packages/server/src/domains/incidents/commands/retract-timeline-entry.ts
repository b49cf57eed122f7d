import { RetractTimelineEntryInput, type TimelineEntry } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, forbidden, notFound } from '../../../core/errors.js';
import type { TimelineRow } from '../incidents.model.js';
import { isAdmin, type Viewer } from '../incidents.policy.js';
import { entryPeople, presentEntry } from '../incidents.presenter.js';
import { personNames } from '../lookups.js';
import { commandersOf } from '../roles.repo.js';
import { getTimelineEntry, markEntryRetracted } from '../timeline.repo.js';
import { changeIncident } from './change.js';
import { parse } from './inputs.js';

// Only notes can be retracted (typed by hand or captured from chat): they are what people say
// about the incident, and a person can be wrong. Every other kind records something the incident
// went through (a status change happened, whether or not someone regrets it) and stays. A retracted
// note is kept with who, when and why, and hidden from the timeline by default.

const RETRACTABLE_KINDS = new Set(['note']);

/** The note's author, the commander or an admin; the system (null) acts for chat when nobody linked can. */
async function requireMayRetract(ex: Executor, by: Viewer | null, entry: TimelineRow): Promise<void> {
  if (by === null || isAdmin(by) || entry.actor_id === by.userId) return;
  const commanders = await commandersOf(ex, [entry.incident_id]);
  if (commanders.get(entry.incident_id) === by.userId) return;
  throw forbidden('Only the note’s author, the incident commander or an admin may retract a note.');
}

/**
 * Retracts a note: marks it (kept for audit, hidden by default) and writes a `note_retracted`
 * entry in the same transaction. Retracting a retracted note changes nothing and returns it.
 *
 * @example
 * await retractTimelineEntry(ctx, viewer, 'INC-42', entryId, { reason: 'Wrong incident' });
 */
export async function retractTimelineEntry(
  ctx: AppContext,
  by: Viewer | null,
  ref: string,
  entryId: string,
  input: RetractTimelineEntryInput = {},
): Promise<TimelineEntry> {
  const data = parse(RetractTimelineEntryInput, input);
  return changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const entry = await getTimelineEntry(c.trx, c.before.id, entryId);
      if (!entry) throw notFound('timeline entry', entryId);
      if (!RETRACTABLE_KINDS.has(entry.kind)) {
        throw conflict(
          'entry_not_retractable',
          `Only notes can be retracted; a ${entry.kind.replaceAll('_', ' ')} entry records what happened to the incident.`,
          { kind: entry.kind },
        );
      }
      await requireMayRetract(c.trx, by, entry);
      const reason = data.reason || null;
      if (await markEntryRetracted(c.trx, entry.id, { at: c.now, by: by?.userId ?? null, reason })) {
        await c.record({
          kind: 'note_retracted',
          text: reason ? `Retracted a note: ${reason}` : 'Retracted a note',
          data: { entryId: entry.id, reason },
        });
      }
      const retracted = (await getTimelineEntry(c.trx, c.before.id, entryId))!;
      return presentEntry(retracted, await personNames(c.trx, entryPeople(retracted)));
    },
    { role: 'responder', action: 'retract notes' },
  );
}
