import { InviteContributorInput, PostmortemCommentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse, requirePerson } from '../../incidents/commands/inputs.js';
import type { Viewer } from '../../incidents/incidents.policy.js';
import {
  addContributorRows,
  getCommentRow,
  getSectionRow,
  insertCommentRow,
  resolveCommentRow,
} from '../postmortems.repo.js';
import { changePostmortem } from './change.js';

/** A comment on one section, for the review. */
export async function addComment(ctx: AppContext, by: Viewer, ref: string, input: PostmortemCommentInput) {
  const data = parse(PostmortemCommentInput, input);
  return changePostmortem(ctx, by, ref, 'comment on postmortems', async (c) => {
    if (!(await getSectionRow(c.trx, c.pm.id, data.section))) {
      throw invalidField('section', `this postmortem has no section "${data.section}"`);
    }
    const id = newId();
    await insertCommentRow(c.trx, {
      id,
      postmortem_id: c.pm.id,
      section_key: data.section,
      author_id: by.userId,
      body: data.body,
      created_at: c.now,
      resolved_at: null,
      resolved_by: null,
    });
    return id;
  });
}

export async function resolveComment(ctx: AppContext, by: Viewer, ref: string, commentId: string) {
  return changePostmortem(ctx, by, ref, 'comment on postmortems', async (c) => {
    const comment = await getCommentRow(c.trx, c.pm.id, commentId);
    if (!comment) throw notFound('comment', commentId);
    if (comment.resolved_at !== null) throw conflict('comment_already_resolved', 'This comment is already resolved.');
    await resolveCommentRow(c.trx, commentId, by.userId, c.now);
    return commentId;
  });
}

/** Invites one more person to contribute (everyone involved in the incident is invited on creation). */
export async function inviteContributor(ctx: AppContext, by: Viewer, ref: string, input: InviteContributorInput) {
  const data = parse(InviteContributorInput, input);
  return changePostmortem(ctx, by, ref, 'invite contributors', async (c) => {
    await requirePerson(c.trx, data.userId, 'userId');
    const added = await addContributorRows(c.trx, [
      {
        postmortem_id: c.pm.id,
        user_id: data.userId,
        reason: 'invited',
        invited_by: by.userId,
        invited_at: c.now,
        last_contributed_at: null,
      },
    ]);
    if (added.length) {
      c.emit('postmortem.contributors_invited', { postmortemId: c.pm.id, incidentId: c.incident.id, userIds: added });
    }
    return added.length > 0;
  });
}
