import {
  type ComponentGroup,
  ComponentGroupInput,
  type StatusComponent,
  StatusComponentInput,
  UpdateComponentGroupInput,
  UpdateStatusComponentInput,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import {
  componentServiceIds,
  deleteComponentRow,
  deleteGroupRow,
  getComponentRow,
  getGroupRow,
  insertComponent,
  insertGroup,
  listComponentRows,
  nextPosition,
  recordStatusPeriod,
  replaceComponentServices,
  updateComponentRow,
  updateGroupRow,
} from '../components.repo.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { presentComponent, presentGroup } from '../statuspage.presenter.js';
import { parse, requireGroup, requireServiceIds } from './inputs.js';
import { changePage } from './page-change.js';

// Components and groups: what customers see the page made of. Admins only.

export async function createComponentGroup(
  ctx: AppContext,
  by: Editor,
  input: ComponentGroupInput,
): Promise<ComponentGroup> {
  requireMay(by, 'configure', 'change status page components');
  const data = parse(ComponentGroupInput, input);
  return changePage(ctx, 'group created', async (c) => {
    const row = {
      id: newId(),
      name: data.name,
      description: data.description,
      position: data.position ?? (await nextPosition(c.trx, 'status_component_groups')),
      created_at: c.now,
      updated_at: c.now,
    };
    await insertGroup(c.trx, row);
    return presentGroup(row, []);
  });
}

export async function updateComponentGroup(
  ctx: AppContext,
  by: Editor,
  id: string,
  input: UpdateComponentGroupInput,
): Promise<ComponentGroup> {
  requireMay(by, 'configure', 'change status page components');
  const data = parse(UpdateComponentGroupInput, input);
  return changePage(ctx, 'group updated', async (c) => {
    const row = await getGroupRow(c.trx, id);
    if (!row) throw notFound('component group', id);
    const next = { ...row, ...definedOnly(data), updated_at: c.now };
    await updateGroupRow(c.trx, id, next);
    const members = (await listComponentRows(c.trx)).filter((m) => m.group_id === id).map((m) => m.id);
    return presentGroup(next, members);
  });
}

/** Deleting a group keeps its components, shown at the top level. */
export async function deleteComponentGroup(ctx: AppContext, by: Editor, id: string): Promise<void> {
  requireMay(by, 'configure', 'change status page components');
  await changePage(ctx, 'group deleted', async (c) => {
    const result = await deleteGroupRow(c.trx, id);
    if (result.numDeletedRows === 0n) throw notFound('component group', id);
  });
}

export async function createComponent(
  ctx: AppContext,
  by: Editor,
  input: StatusComponentInput,
): Promise<StatusComponent> {
  requireMay(by, 'configure', 'change status page components');
  const data = parse(StatusComponentInput, input);
  return changePage(ctx, 'component created', async (c) => {
    await requireGroup(c.trx, data.groupId);
    const serviceIds = await requireServiceIds(c.trx, data.serviceIds);
    const row = {
      id: newId(),
      name: data.name,
      description: data.description,
      group_id: data.groupId,
      position: data.position ?? (await nextPosition(c.trx, 'status_components')),
      status: 'operational' as const,
      showcase: data.showcase ? 1 : 0,
      only_show_if_degraded: data.onlyShowIfDegraded ? 1 : 0,
      start_date: data.startDate,
      created_at: c.now,
      updated_at: c.now,
    };
    await insertComponent(c.trx, row);
    await replaceComponentServices(c.trx, row.id, serviceIds);
    await recordStatusPeriod(c.trx, row.id, 'operational', c.now, newId());
    return presentComponent(row, serviceIds);
  });
}

/** Edits a component; a `status` given here is a manual change, recorded in its history like any other. */
export async function updateComponent(
  ctx: AppContext,
  by: Editor,
  id: string,
  input: UpdateStatusComponentInput,
): Promise<StatusComponent> {
  requireMay(by, 'configure', 'change status page components');
  const data = parse(UpdateStatusComponentInput, input);
  return changePage(ctx, 'component updated', async (c) => {
    const row = await getComponentRow(c.trx, id);
    if (!row) throw notFound('component', id);
    if (data.groupId !== undefined) await requireGroup(c.trx, data.groupId);
    const { status, serviceIds, showcase, onlyShowIfDegraded, groupId, startDate, ...plain } = data;
    const next = {
      ...row,
      ...definedOnly(plain),
      ...(groupId !== undefined ? { group_id: groupId } : {}),
      ...(startDate !== undefined ? { start_date: startDate } : {}),
      ...(showcase !== undefined ? { showcase: showcase ? 1 : 0 } : {}),
      ...(onlyShowIfDegraded !== undefined ? { only_show_if_degraded: onlyShowIfDegraded ? 1 : 0 } : {}),
      updated_at: c.now,
    };
    await updateComponentRow(c.trx, id, { ...next, status: row.status });
    if (serviceIds !== undefined) await replaceComponentServices(c.trx, id, await requireServiceIds(c.trx, serviceIds));
    if (status !== undefined) await c.setComponentStatuses(new Map([[id, status]]));
    return presentComponent({ ...next, status: status ?? row.status }, await servicesOf(c.trx, id));
  });
}

export async function deleteComponent(ctx: AppContext, by: Editor, id: string): Promise<void> {
  requireMay(by, 'configure', 'change status page components');
  await changePage(ctx, 'component deleted', async (c) => {
    const inUse = await c.trx
      .selectFrom('status_incident_components as c')
      .innerJoin('status_incidents as i', 'i.id', 'c.status_incident_id')
      .select('i.name')
      .where('c.component_id', '=', id)
      .where('i.status', 'in', ['investigating', 'identified', 'monitoring', 'scheduled', 'in_progress', 'verifying'])
      .executeTakeFirst();
    if (inUse) throw conflict('component_in_use', `"${inUse.name}" still affects this component; end it first.`);
    const result = await deleteComponentRow(c.trx, id);
    if (result.numDeletedRows === 0n) throw notFound('component', id);
  });
}

async function servicesOf(ex: Executor, componentId: string) {
  return (await componentServiceIds(ex)).get(componentId) ?? [];
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
