import { CreateMaintenanceWindowInput, type MaintenanceWindow } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { type By, getServiceById } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { requireRole, userIdOf } from '../alerts.policy.js';
import { presentMaintenance } from '../alerts.presenter.js';

/**
 * Opens a maintenance window on a service: while it runs, its alerts are recorded but page nobody.
 * `origin` names the domain that opened it (the status page's scheduled maintenance does).
 *
 * @example
 * await createMaintenanceWindow(ctx, { serviceId, durationMinutes: 60, reason: 'DB upgrade' }, actor);
 */
export async function createMaintenanceWindow(
  ctx: AppContext,
  input: CreateMaintenanceWindowInput,
  by: By,
  options: { origin?: string } = {},
): Promise<MaintenanceWindow> {
  const data = parseInput(CreateMaintenanceWindowInput, input);
  requireRole(by, 'responder', 'open maintenance windows');
  if (!(await getServiceById(ctx, data.serviceId)))
    throw invalidField('serviceId', `no service with id "${data.serviceId}"`);
  const now = ctx.clock.now();
  const startsAt = data.startsAt ? Date.parse(data.startsAt) : now;
  const endsAt = data.endsAt ? Date.parse(data.endsAt) : startsAt + data.durationMinutes! * 60_000;
  if (endsAt <= startsAt) throw invalidField('endsAt', 'must be after the start');
  if (endsAt <= now) throw invalidField('endsAt', 'is in the past; a window must end in the future');
  const row = {
    id: newId(),
    service_id: data.serviceId,
    starts_at: startsAt,
    ends_at: endsAt,
    reason: data.reason,
    origin: options.origin ?? 'manual',
    created_by: userIdOf(by),
    created_at: now,
  };
  await ctx.db.insertInto('maintenance_windows').values(row).execute();
  return presentMaintenance(row, now);
}

/** Ends a window now (one not yet started is cancelled). */
export async function endMaintenanceWindow(ctx: AppContext, id: string, by: By): Promise<MaintenanceWindow> {
  requireRole(by, 'responder', 'end maintenance windows');
  const row = await ctx.db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('maintenance window', id);
  const now = ctx.clock.now();
  if (row.ends_at > now) {
    const endsAt = Math.max(now, row.starts_at);
    await ctx.db.updateTable('maintenance_windows').set({ ends_at: endsAt }).where('id', '=', id).execute();
    row.ends_at = endsAt;
  }
  return presentMaintenance(row, now);
}

/** True when a maintenance window of the service is in effect at `at` (epoch ms). */
export async function isServiceInMaintenance(ctx: AppContext, serviceId: string, at: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('maintenance_windows')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .executeTakeFirst();
  return row !== undefined;
}
