import {
  type ComponentStatus,
  MaintenanceInput,
  type MaintenanceStatus,
  MaintenanceUpdateInput,
  type PublicIncident,
  worstComponentStatus,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { cancelJob, enqueueJob } from '../../../core/scheduler/enqueue.js';
import {
  getPublicIncidentRow,
  insertPublicIncident,
  insertPublicUpdate,
  listAffectedComponentRows,
  listHeldStatuses,
  replaceAffectedComponents,
  replaceMaintenanceServices,
  updatePublicIncidentRow,
} from '../incidents.repo.js';
import { JOB_MAINTENANCE_COMPLETE, JOB_MAINTENANCE_START, type PublicIncidentRow } from '../statuspage.model.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { publicIncidentView, restoredStatuses } from '../statuspage.service.js';
import { parse, requireComponents, requireServiceIds } from './inputs.js';
import { changePage, type PageChange } from './page-change.js';

// Scheduled maintenance: announced, started and completed on time by scheduler jobs (or by hand),
// each step an update that subscribers are told about. While it runs its components show "under
// maintenance" and alerts of its services are recorded, not paged (isServiceUnderStatusMaintenance).

export type MaintenanceJobPayload = { id: string };

const NEXT: Record<MaintenanceStatus, MaintenanceStatus[]> = {
  scheduled: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['verifying', 'completed'],
  verifying: ['in_progress', 'completed'],
  completed: [],
  cancelled: [],
};

const DEFAULT_BODY: Partial<Record<MaintenanceStatus, string>> = {
  in_progress: 'Scheduled maintenance is in progress. We will post an update when it is done.',
  completed: 'The scheduled maintenance has been completed.',
};

export async function scheduleMaintenance(
  ctx: AppContext,
  by: Editor,
  input: MaintenanceInput,
): Promise<PublicIncident> {
  requireMay(by, 'configure', 'schedule maintenance');
  const data = parse(MaintenanceInput, input);
  const from = Date.parse(data.scheduledFor);
  const until = Date.parse(data.scheduledUntil);
  if (until <= from) throw invalidField('scheduledUntil', 'must be after scheduledFor');
  if (until <= ctx.clock.now()) throw invalidField('scheduledUntil', 'must be in the future');
  const row = await changePage(ctx, 'maintenance scheduled', async (c) => {
    await requireComponents(c.trx, data.componentIds, 'componentIds');
    const serviceIds = await requireServiceIds(c.trx, data.serviceIds);
    const row: PublicIncidentRow = {
      id: newId(),
      kind: 'maintenance',
      incident_id: null,
      name: data.name,
      status: 'scheduled',
      impact: 'maintenance',
      scheduled_for: from,
      scheduled_until: until,
      started_at: from,
      monitoring_at: null,
      resolved_at: null,
      created_by: by.userId,
      created_at: c.now,
      updated_at: c.now,
    };
    await insertPublicIncident(c.trx, row);
    await replaceAffectedComponents(
      c.trx,
      row.id,
      [...new Set(data.componentIds)].map((component_id) => ({ component_id, status: 'under_maintenance' as const })),
    );
    await replaceMaintenanceServices(c.trx, row.id, serviceIds);
    await addUpdate(c, row, 'scheduled', data.body, by.userId);
    const payload: MaintenanceJobPayload = { id: row.id };
    await enqueueJob(c.trx, ctx.clock, {
      kind: JOB_MAINTENANCE_START,
      payload,
      runAt: from,
      dedupeKey: startKey(row.id),
    });
    await enqueueJob(c.trx, ctx.clock, {
      kind: JOB_MAINTENANCE_COMPLETE,
      payload,
      runAt: until,
      dedupeKey: completeKey(row.id),
    });
    return row;
  });
  return publicIncidentView(ctx, ctx.db, row);
}

/** Posts an update on a maintenance, optionally moving it on (start, verify, complete, cancel). */
export async function updateMaintenance(
  ctx: AppContext,
  by: Editor | null,
  id: string,
  input: MaintenanceUpdateInput,
): Promise<PublicIncident> {
  if (by) requireMay(by, 'configure', 'update maintenance');
  const data = parse(MaintenanceUpdateInput, input);
  await changePage(ctx, 'maintenance updated', async (c) => {
    const row = await getPublicIncidentRow(c.trx, id);
    if (row?.kind !== 'maintenance') throw notFound('maintenance', id);
    const from = row.status as MaintenanceStatus;
    const to = data.status ?? from;
    if (to !== from && !NEXT[from].includes(to)) {
      throw conflict('illegal_transition', `Maintenance that is ${from} cannot become ${to}.`, { allowed: NEXT[from] });
    }
    if (NEXT[from].length === 0) throw conflict('maintenance_finished', `This maintenance is already ${from}.`);
    await moveTo(c, row, to, data.body, by?.userId ?? null);
  });
  return publicIncidentView(ctx, ctx.db, (await getPublicIncidentRow(ctx.db, id))!);
}

/** Job: starts a maintenance at its scheduled time, unless it was started, completed or cancelled already. */
export async function startMaintenanceOnTime(ctx: AppContext, id: string): Promise<void> {
  await changePage(ctx, 'maintenance started', async (c) => {
    const row = await getPublicIncidentRow(c.trx, id);
    if (row?.status !== 'scheduled') return;
    await moveTo(c, row, 'in_progress', DEFAULT_BODY.in_progress!, null);
  });
}

/** Job: completes a maintenance at the end of its window, unless it already ended. */
export async function completeMaintenanceOnTime(ctx: AppContext, id: string): Promise<void> {
  await changePage(ctx, 'maintenance completed', async (c) => {
    const row = await getPublicIncidentRow(c.trx, id);
    if (!row || !['scheduled', 'in_progress', 'verifying'].includes(row.status)) return;
    await moveTo(c, row, 'completed', DEFAULT_BODY.completed!, null);
  });
}

async function moveTo(
  c: PageChange,
  row: PublicIncidentRow,
  to: MaintenanceStatus,
  body: string,
  userId: string | null,
): Promise<void> {
  const componentIds = (await listAffectedComponentRows(c.trx, [row.id])).map((a) => a.component_id);
  let targets = new Map<string, ComponentStatus>();
  const running = to === 'in_progress' || to === 'verifying';
  if (running && row.status === 'scheduled') {
    // Maintenance never hides a worse status another incident holds the component at.
    const held = await listHeldStatuses(c.trx, componentIds, row.id);
    targets = new Map(
      componentIds.map((cid) => [
        cid,
        worstComponentStatus(['under_maintenance', ...held.filter((h) => h.component_id === cid).map((h) => h.status)]),
      ]),
    );
    await cancelJob(c.trx, startKey(row.id));
  }
  if (to === 'completed' || to === 'cancelled') {
    if (row.status !== 'scheduled') targets = await restoredStatuses(c.trx, componentIds, row.id);
    await cancelJob(c.trx, startKey(row.id));
    await cancelJob(c.trx, completeKey(row.id));
  }
  await updatePublicIncidentRow(c.trx, row.id, {
    status: to,
    ...(running && row.status === 'scheduled' ? { started_at: c.now } : {}),
    ...(to === 'verifying' ? { monitoring_at: c.now } : {}),
    ...(to === 'completed' || to === 'cancelled' ? { resolved_at: c.now } : {}),
    updated_at: c.now,
  });
  const changes = await c.setComponentStatuses(targets);
  await addUpdate(c, { ...row, status: to }, to, body, userId, changes);
}

async function addUpdate(
  c: PageChange,
  row: PublicIncidentRow,
  status: string,
  body: string,
  userId: string | null,
  changes: unknown[] = [],
): Promise<void> {
  const updateId = newId();
  await insertPublicUpdate(c.trx, {
    id: updateId,
    status_incident_id: row.id,
    status,
    body,
    component_changes: JSON.stringify(changes),
    incident_update_id: null,
    posted_by: userId,
    created_at: c.now,
  });
  await c.notifySubscribers(`update:${updateId}`);
  c.emit('statuspage.update_posted', { statusIncidentId: row.id, updateId });
}

const startKey = (id: string) => `${JOB_MAINTENANCE_START}:${id}`;
const completeKey = (id: string) => `${JOB_MAINTENANCE_COMPLETE}:${id}`;
