import type { AppContext } from '../../../core/context.js';
import { conflict, notFound } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import { type By, requireRole } from '../directory.policy.js';
import { deleteService as deleteServiceRow, getService } from '../services.repo.js';

/**
 * Deletes a service. Only admins: other domains (alerts, incidents, the status page) refer to
 * services and react to `service.deleted`, so removing one is not an everyday edit.
 */
export async function deleteService(ctx: AppContext, id: string, by: By): Promise<void> {
  requireRole(by, 'admin', 'delete services');
  if (!(await getService(ctx.db, id))) throw notFound('service', id);
  try {
    await deleteServiceRow(ctx.db, id);
  } catch (err) {
    if (isForeignKeyViolation(err)) throw conflict('service_in_use', 'Other records still refer to this service.');
    throw err;
  }
  ctx.events.emit('service.deleted', { serviceId: id });
}
