import { SavePostmortemSectionInput } from '@firebreak/shared';
import { toIso } from '../../../core/clock.js';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { parse } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import { personNames } from '../../incidents/lookups.js';
import { findingsIn, participantNames } from '../blameless.service.js';
import { presentSection } from '../postmortems.presenter.js';
import { getSectionRow, listCommentRows, saveSectionIfCurrent } from '../postmortems.repo.js';
import { changePostmortem } from './change.js';

/**
 * Saves one section's Markdown if nobody saved it since `version`. Sections are versioned one by
 * one, so people writing different sections never collide. When two people edit the same section,
 * the second save is refused with 409 `section_conflict` carrying both texts — theirs (`yours`) and
 * the saved one (`current`) — so nothing is lost and they can merge by hand. The answer carries
 * blameless suggestions for the saved text; they never block the save.
 */
export async function saveSection(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  key: string,
  input: SavePostmortemSectionInput,
) {
  const data = parse(SavePostmortemSectionInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    const before = await getSectionRow(c.trx, c.pm.id, key);
    if (!before) throw notFound('section', key);
    const saved = await saveSectionIfCurrent(c.trx, {
      postmortemId: c.pm.id,
      key,
      expectedVersion: data.version,
      body: data.body,
      by: by.userId,
      now: c.now,
    });
    if (!saved) {
      // Re-read: the save that won may have committed after `before` was read.
      const current = (await getSectionRow(c.trx, c.pm.id, key)) ?? before;
      const names = await personNames(c.trx, [current.updated_by]);
      throw conflict(
        'section_conflict',
        `"${current.title}" was saved by ${names.get(current.updated_by ?? '')?.name ?? 'someone else'} after you started editing (you had version ${data.version}, it is now ${current.version}). Your text is in "yours"; merge it with "current" and save with version ${current.version}.`,
        {
          section: key,
          yours: { body: data.body, baseVersion: data.version },
          current: {
            body: current.body,
            version: current.version,
            updatedBy: current.updated_by
              ? { id: current.updated_by, name: names.get(current.updated_by)?.name ?? 'Unknown person' }
              : null,
            updatedAt: toIso(current.updated_at),
          },
        },
      );
    }
    const after = (await getSectionRow(c.trx, c.pm.id, key))!;
    const names = await personNames(c.trx, [after.updated_by]);
    const comments = await listCommentRows(c.trx, c.pm.id);
    const open = comments.filter((x) => x.section_key === key && x.resolved_at === null).length;
    return {
      section: presentSection(after, names, open),
      blameless: findingsIn(key, after.body, await participantNames(c.trx, c.pm.id)),
    };
  });
}
