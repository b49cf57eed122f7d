import { AddNoteInput, type TimelineEntry } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Viewer } from '../incidents.policy.js';
import { presentEntry } from '../incidents.presenter.js';
import { personNames } from '../lookups.js';
import { getTimelineEntry, setEntryPinned } from '../timeline.repo.js';
import { changeIncident } from './change.js';
import { parse, pastTime } from './inputs.js';

/** Adds a note; notes about the past carry when it happened as well as when it was written down. */
export async function addNote(ctx: AppContext, by: Viewer, ref: string, input: AddNoteInput): Promise<TimelineEntry> {
  const data = parse(AddNoteInput, input);
  return changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const happenedAt = pastTime(data.happenedAt, 'happenedAt', c.now);
      const id = await c.record({ kind: 'note', text: data.text, happenedAt });
      const row = (await getTimelineEntry(c.trx, c.before.id, id))!;
      return presentEntry(row, await personNames(c.trx, [by.userId]));
    },
    { role: 'responder', action: 'add notes' },
  );
}

/** Pins or unpins an entry. Pinning arranges the timeline; it is not itself an event of the incident. */
export async function pinEntry(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  entryId: string,
  pinned: boolean,
): Promise<TimelineEntry> {
  return changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const row = await getTimelineEntry(c.trx, c.before.id, entryId);
      if (!row) throw notFound('timeline entry', entryId);
      await setEntryPinned(c.trx, entryId, pinned);
      return presentEntry({ ...row, pinned: pinned ? 1 : 0 }, await personNames(c.trx, [row.actor_id]));
    },
    { role: 'responder', action: 'pin timeline entries' },
  );
}
