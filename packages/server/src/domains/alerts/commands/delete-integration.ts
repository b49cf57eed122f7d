import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { cancelJob, enqueueJob } from '../../../core/scheduler/enqueue.js';
import type { By } from '../../directory/index.js';
import { heartbeatJobKey, JOB_SWEEP_EVENTS } from '../alerts.model.js';
import { requireRole } from '../alerts.policy.js';
import { deleteIntegrationRow, getIntegration } from '../integrations.repo.js';

/**
 * Deletes an integration and its alerts (their groups stay, as history of what paged). Admins only:
 * the alert history goes with it. To stop events without losing history, rotate the key instead.
 */
export async function deleteIntegration(ctx: AppContext, id: string, by: By): Promise<void> {
  requireRole(by, 'admin', 'delete integrations');
  if (!(await getIntegration(ctx.db, id))) throw notFound('integration', id);
  await ctx.db.transaction().execute(async (trx) => {
    await cancelJob(trx, heartbeatJobKey(id));
    await deleteIntegrationRow(trx, id);
    // Its alerts went with it; their events are swept in the background.
    await enqueueJob(trx, ctx.clock, { kind: JOB_SWEEP_EVENTS });
  });
}
