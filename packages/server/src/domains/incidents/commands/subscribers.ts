import { AddSubscriberInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { forbidden } from '../../../core/errors.js';
import { isAdmin, isParticipant, requireRole, type Viewer } from '../incidents.policy.js';
import { personNames } from '../lookups.js';
import { deleteSubscriber, insertSubscriber, listSubscriberRows } from '../records.repo.js';
import { changeIncident } from './change.js';
import { parse, requirePerson } from './inputs.js';

/**
 * Subscribes a person to stakeholder updates. Anyone who can see the incident may subscribe
 * themselves; subscribing someone else takes a participant or an admin, which is also how a
 * person comes to see a private incident.
 */
export async function addSubscriber(ctx: AppContext, by: Viewer, ref: string, input: AddSubscriberInput) {
  const data = parse(AddSubscriberInput, input);
  const userId = data.userId ?? by.userId;
  requireRole(by, 'viewer', 'subscribe');
  if (userId !== by.userId) await requirePerson(ctx.db, userId, 'userId');
  await changeIncident(ctx, by, ref, async (c) => {
    if (userId !== by.userId) await requireParticipant(c.trx, c.before, by, 'subscribe other people');
    const already = (await listSubscriberRows(c.trx, c.before.id)).some((s) => s.user_id === userId);
    if (already) return;
    await insertSubscriber(c.trx, {
      incident_id: c.before.id,
      user_id: userId,
      added_by: by.userId,
      created_at: c.now,
    });
    const names = await personNames(c.trx, [userId]);
    await c.record({
      kind: 'subscriber_added',
      text: `${names.get(userId)?.name ?? userId} subscribed to updates`,
      after: { userId },
      data: {},
    });
  });
}

export async function removeSubscriber(ctx: AppContext, by: Viewer, ref: string, userId: string) {
  await changeIncident(ctx, by, ref, async (c) => {
    if (userId !== by.userId) await requireParticipant(c.trx, c.before, by, 'unsubscribe other people');
    const already = (await listSubscriberRows(c.trx, c.before.id)).some((s) => s.user_id === userId);
    if (!already) return;
    await deleteSubscriber(c.trx, c.before.id, userId);
    const names = await personNames(c.trx, [userId]);
    await c.record({
      kind: 'subscriber_removed',
      text: `${names.get(userId)?.name ?? userId} unsubscribed from updates`,
      before: { userId },
      data: {},
    });
  });
}

async function requireParticipant(
  ex: Parameters<typeof isParticipant>[0],
  incident: Parameters<typeof isParticipant>[1],
  by: Viewer,
  action: string,
) {
  if (isAdmin(by)) return;
  if (!(await isParticipant(ex, incident, by.userId)) || by.role === 'viewer') {
    throw forbidden(`Only people working on this incident (or admins) may ${action}.`);
  }
}
