import { CreateActionItemInput, isOpenActionItem, UpdateActionItemInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse, requirePerson } from '../../incidents/commands/inputs.js';
import type { IncidentRow } from '../../incidents/incidents.model.js';
import { requireVisible, type Viewer } from '../../incidents/incidents.policy.js';
import { getIncidentRow } from '../../incidents/incidents.repo.js';
import { getTeamRow } from '../../incidents/lookups.js';
import { getActionItemRow, insertActionItemRow, updateActionItemIfCurrent } from '../action-items.repo.js';
import type { ActionItemSourceKind } from '../postmortems.model.js';
import { findVisiblePostmortem, requireWriter } from '../postmortems.policy.js';
import { getPostmortemOfIncident } from '../postmortems.repo.js';
import { cancelActionItemReminders, scheduleActionItemReminders } from './schedule.js';

/** The incident (and postmortem, if any) an item comes from; 404 when not visible to `by`. */
async function resolveSource(
  ex: Executor,
  by: Viewer,
  from: { kind: ActionItemSourceKind; id: string },
): Promise<{ incident: IncidentRow; postmortemId: string | null }> {
  if (from.kind === 'postmortem') {
    const { pm, incident } = await findVisiblePostmortem(ex, by, from.id);
    return { incident, postmortemId: pm.id };
  }
  // Read-only look-ups of the incidents domain's records by their own id.
  const owner =
    from.kind === 'decision'
      ? await ex.selectFrom('incident_decisions').select('incident_id').where('id', '=', from.id).executeTakeFirst()
      : await ex.selectFrom('timeline_entries').select('incident_id').where('id', '=', from.id).executeTakeFirst();
  const label = from.kind === 'decision' ? 'decision' : 'timeline entry';
  const incident = owner ? await getIncidentRow(ex, owner.incident_id) : undefined;
  if (!incident) throw notFound(label, from.id);
  await requireVisible(ex, incident, by, from.id).catch(() => {
    throw notFound(label, from.id);
  });
  const pm = await getPostmortemOfIncident(ex, incident.id);
  return { incident, postmortemId: pm?.id ?? null };
}

/** The team owning the incident's first owned service, else the owner's first team. */
async function defaultTeam(ex: Executor, incidentId: string, ownerId: string | null): Promise<string | null> {
  const service = await ex
    .selectFrom('incident_services')
    .innerJoin('services', 'services.id', 'incident_services.service_id')
    .select('services.team_id')
    .where('incident_services.incident_id', '=', incidentId)
    .where('services.team_id', 'is not', null)
    .orderBy('services.name')
    .executeTakeFirst();
  if (service?.team_id) return service.team_id;
  if (!ownerId) return null;
  const membership = await ex
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', ownerId)
    .orderBy('created_at')
    .executeTakeFirst();
  return membership?.team_id ?? null;
}

async function requireTeam(ex: Executor, teamId: string) {
  if (!(await getTeamRow(ex, teamId))) throw invalidField('teamId', `no team with id "${teamId}"`);
}

const parseTime = (iso: string | null | undefined) => (iso == null ? null : Date.parse(iso));

/**
 * An action item from a postmortem, or from a decision or timeline entry of an incident (then it
 * joins the incident's postmortem when there is one). Reminders are scheduled for its due time.
 */
export async function createActionItem(ctx: AppContext, by: Viewer, input: CreateActionItemInput): Promise<string> {
  const data = parse(CreateActionItemInput, input);
  requireWriter(by, 'create action items');
  const id = newId();
  let incidentId = '';
  await ctx.db.transaction().execute(async (trx) => {
    const { incident, postmortemId } = await resolveSource(trx, by, data.from);
    incidentId = incident.id;
    if (data.ownerId) await requirePerson(trx, data.ownerId, 'ownerId');
    if (data.teamId) await requireTeam(trx, data.teamId);
    const ownerId = data.ownerId ?? null;
    const now = ctx.clock.now();
    const row = {
      id,
      incident_id: incident.id,
      postmortem_id: postmortemId,
      source_kind: data.from.kind,
      source_id: data.from.id,
      title: data.title,
      description: data.description,
      kind: data.kind,
      priority: data.priority,
      status: 'open' as const,
      owner_id: ownerId,
      team_id: data.teamId !== undefined ? data.teamId : await defaultTeam(trx, incident.id, ownerId),
      due_at: parseTime(data.dueAt),
      tracker_url: data.trackerUrl ?? null,
      created_by: by.userId,
      created_at: now,
      updated_at: now,
      completed_at: null,
      version: 1,
    };
    await insertActionItemRow(trx, row);
    await scheduleActionItemReminders(trx, ctx, row);
  });
  ctx.events.emit('action_item.created', { actionItemId: id, incidentId, ownerId: data.ownerId ?? null });
  return id;
}

/** Edits an item; its version guards against lost edits. Finishing it stamps `completed_at`. */
export async function updateActionItem(ctx: AppContext, by: Viewer, id: string, input: UpdateActionItemInput) {
  const data = parse(UpdateActionItemInput, input);
  requireWriter(by, 'edit action items');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await getActionItemRow(trx, id);
    const incident = before ? await getIncidentRow(trx, before.incident_id) : undefined;
    if (!before || !incident) throw notFound('action item', id);
    await requireVisible(trx, incident, by, id).catch(() => {
      throw notFound('action item', id);
    });
    if (data.ownerId) await requirePerson(trx, data.ownerId, 'ownerId');
    if (data.teamId) await requireTeam(trx, data.teamId);
    const now = ctx.clock.now();
    const status = data.status ?? before.status;
    const finishedNow = !isOpenActionItem(status) && isOpenActionItem(before.status);
    const reopened = isOpenActionItem(status) && !isOpenActionItem(before.status);
    const saved = await updateActionItemIfCurrent(trx, id, data.version, {
      ...(data.title !== undefined && { title: data.title }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.kind !== undefined && { kind: data.kind }),
      ...(data.priority !== undefined && { priority: data.priority }),
      ...(data.status !== undefined && { status: data.status }),
      ...(data.ownerId !== undefined && { owner_id: data.ownerId }),
      ...(data.teamId !== undefined && { team_id: data.teamId }),
      ...(data.dueAt !== undefined && { due_at: parseTime(data.dueAt) }),
      ...(data.trackerUrl !== undefined && { tracker_url: data.trackerUrl }),
      ...(finishedNow && { completed_at: now }),
      ...(reopened && { completed_at: null }),
      updated_at: now,
    });
    if (!saved) {
      throw conflict('stale_version', 'Someone changed this action item since you loaded it; reload and try again.', {
        currentVersion: before.version,
      });
    }
    const after = (await getActionItemRow(trx, id))!;
    if (after.due_at !== before.due_at || reopened) {
      await cancelActionItemReminders(trx, before);
      if (isOpenActionItem(after.status)) await scheduleActionItemReminders(trx, ctx, after);
    }
    return after;
  });
  ctx.events.emit('action_item.updated', { actionItemId: id, incidentId: row.incident_id, ownerId: row.owner_id });
  return row;
}
