import {
  ChangePostmortemStatusInput,
  canMovePostmortem,
  POSTMORTEM_TRANSITIONS,
  type PostmortemStatus,
  UpdatePostmortemInput,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, forbidden } from '../../../core/errors.js';
import { parse, requirePerson } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import { activeRoles } from '../../incidents/roles.repo.js';
import { mayPublish } from '../postmortems.policy.js';
import { replaceTags, updatePostmortemRow } from '../postmortems.repo.js';
import { changePostmortem } from './change.js';

/** Title, owner, review meeting and tags. The postmortem's version guards against lost edits. */
export async function updatePostmortem(ctx: AppContext, by: Viewer, ref: string, input: UpdatePostmortemInput) {
  const data = parse(UpdatePostmortemInput, input);
  return changePostmortem(ctx, by, ref, 'edit postmortems', async (c) => {
    if (c.pm.version !== data.version) {
      throw conflict('stale_version', 'Someone changed this postmortem since you loaded it; reload and try again.', {
        currentVersion: c.pm.version,
      });
    }
    if (data.ownerId) await requirePerson(c.trx, data.ownerId, 'ownerId');
    await updatePostmortemRow(c.trx, c.pm.id, {
      ...(data.title !== undefined && { title: data.title }),
      ...(data.ownerId !== undefined && { owner_id: data.ownerId }),
      ...(data.reviewMeetingAt !== undefined && {
        review_meeting_at: data.reviewMeetingAt === null ? null : Date.parse(data.reviewMeetingAt),
      }),
      version: c.pm.version + 1,
    });
    if (data.tags) await replaceTags(c.trx, c.pm.id, data.tags);
    return c.pm.id;
  });
}

/**
 * draft → in_review → published (in_review → draft sends it back). Publishing is for the owner, the
 * incident's commander or an admin, and puts the postmortem into the full-text index.
 */
export async function changePostmortemStatus(
  ctx: AppContext,
  by: Viewer | null,
  ref: string,
  input: ChangePostmortemStatusInput,
) {
  const { status } = parse(ChangePostmortemStatusInput, input);
  return changePostmortem(ctx, by, ref, 'change postmortem status', async (c) => {
    const from: PostmortemStatus = c.pm.status;
    if (!canMovePostmortem(from, status)) {
      throw conflict('illegal_transition', `A postmortem that is ${from} cannot become ${status}.`, {
        allowed: [...POSTMORTEM_TRANSITIONS[from]],
      });
    }
    if (status === 'published') {
      const commanderId =
        (await activeRoles(c.trx, c.incident.id)).find((r) => r.role === 'commander')?.user_id ?? null;
      if (!mayPublish(c.by, c.pm, commanderId)) {
        throw forbidden('Only the postmortem owner, the incident commander or an admin may publish it.');
      }
    }
    await updatePostmortemRow(c.trx, c.pm.id, {
      status,
      version: c.pm.version + 1,
      ...(status === 'in_review' && { submitted_at: c.now }),
      ...(status === 'published' && { published_at: c.now }),
    });
    c.emit('postmortem.status_changed', { postmortemId: c.pm.id, incidentId: c.incident.id, from, to: status });
    return c.pm.id;
  });
}
