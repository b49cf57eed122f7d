import { EditPostmortemTimelineInput, PostmortemTimelineInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import { deleteTimelineRow, getTimelineRow, insertTimelineRows, updateTimelineRow } from '../postmortems.repo.js';
import { changePostmortem } from './change.js';

// The postmortem's timeline is its own copy: editing it never touches the incident's timeline,
// which stays the record of what was known at the time.

export async function addTimelineEntry(ctx: AppContext, by: Viewer, ref: string, input: PostmortemTimelineInput) {
  const data = parse(PostmortemTimelineInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const id = newId();
    await insertTimelineRows(c.trx, [
      {
        id,
        postmortem_id: c.pm.id,
        source_entry_id: null,
        kind: data.kind,
        text: data.text,
        actor_id: by.userId,
        happened_at: Date.parse(data.happenedAt),
        edited: 0,
        created_at: c.now,
        updated_at: c.now,
      },
    ]);
    return id;
  });
}

export async function editTimelineEntry(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  entryId: string,
  input: EditPostmortemTimelineInput,
) {
  const data = parse(EditPostmortemTimelineInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    if (!(await getTimelineRow(c.trx, c.pm.id, entryId))) throw notFound('timeline entry', entryId);
    await updateTimelineRow(c.trx, entryId, {
      ...(data.text !== undefined && { text: data.text }),
      ...(data.happenedAt !== undefined && { happened_at: Date.parse(data.happenedAt) }),
      edited: 1,
      updated_at: c.now,
    });
    return entryId;
  });
}

export async function deleteTimelineEntry(ctx: AppContext, by: Viewer, ref: string, entryId: string) {
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    if (!(await getTimelineRow(c.trx, c.pm.id, entryId))) throw notFound('timeline entry', entryId);
    await deleteTimelineRow(c.trx, entryId);
  });
}
