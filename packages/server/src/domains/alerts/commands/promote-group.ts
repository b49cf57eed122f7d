import { PromoteGroupInput } from '@firebreak/shared';
import { toIso } from '../../../core/clock.js';
import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { parseInput } from '../../directory/validate.js';
import { addNote, declareIncident, type Viewer } from '../../incidents/index.js';
import type { AlertGroupRow } from '../alerts.model.js';
import { getGroup, lockServices } from '../alerts.repo.js';

/**
 * Declares an incident for an alert group and links the two both ways: the group records the
 * incident, the incident's timeline notes the group. Answers the incident id and number.
 *
 * @example
 * const { incidentId } = await promoteGroup(ctx, groupId, { severity: 'sev2' }, viewer);
 */
export async function promoteGroup(
  ctx: AppContext,
  groupId: string,
  input: PromoteGroupInput,
  by: Viewer,
): Promise<{ incidentId: string; number: string }> {
  const data = parseInput(PromoteGroupInput, input);
  const group = await getGroup(ctx.db, groupId);
  if (!group) throw notFound('alert group', groupId);
  if (group.incident_id) {
    throw conflict('alert_group_already_promoted', 'This alert group is already linked to an incident.', {
      incidentId: group.incident_id,
    });
  }
  const { incident } = await declareIncident(ctx, by, {
    title: data.title ?? incidentTitle(group),
    severity: data.severity,
    serviceIds: [group.service_id],
    source: 'alert',
    summary: `${group.alert_count} alert${group.alert_count === 1 ? '' : 's'} (worst: ${group.severity}), first at ${toIso(group.first_alert_at)}.`,
    detectedAt: toIso(Math.min(group.first_alert_at, ctx.clock.now())),
    ...(data.commanderId ? { commanderId: data.commanderId } : {}),
    private: data.private,
  });
  await linkGroupToIncident(ctx, group, incident.id, by);
  return { incidentId: incident.id, number: incident.number };
}

/** Records the incident on the group and notes the group on the incident's timeline. */
export async function linkGroupToIncident(
  ctx: AppContext,
  group: AlertGroupRow,
  incidentId: string,
  by: Viewer,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    // Under the services' alert lock, so an ingest commit holding an older copy of the group waits.
    await lockServices(trx, ctx.dialect, [group.service_id]);
    await trx
      .updateTable('alert_groups')
      .set({ incident_id: incidentId, updated_at: ctx.clock.now() })
      .where('id', '=', group.id)
      .where('incident_id', 'is', null)
      .execute();
  });
  await addNote(ctx, by, incidentId, {
    text: `From alert group “${group.title}” (${group.alert_count} alert${group.alert_count === 1 ? '' : 's'}): ${ctx.config.publicUrl}/alerts/groups/${group.id}`,
  });
}

const incidentTitle = (group: AlertGroupRow) =>
  (group.title.length >= 3 ? group.title : `Alert: ${group.title}`).slice(0, 200);
