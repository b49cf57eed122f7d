import { type Integration, UpdateIntegrationInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import type { By } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { type AlertIntegrationsTable, heartbeatJobKey, JOB_HEARTBEAT } from '../alerts.model.js';
import { requireRole } from '../alerts.policy.js';
import { getIntegration, updateIntegration as updateRow } from '../integrations.repo.js';
import { integrationView } from '../integrations.service.js';
import { checkSettings } from './integration-settings.js';

/** Changes an integration's name or settings; the routing key stays (rotate it separately). */
export async function updateIntegration(
  ctx: AppContext,
  id: string,
  input: UpdateIntegrationInput,
  by: By,
): Promise<Integration> {
  const data = parseInput(UpdateIntegrationInput, input);
  requireRole(by, 'responder', 'change integrations');
  const row = await getIntegration(ctx.db, id);
  if (!row) throw notFound('integration', id);
  await checkSettings(ctx, row.kind, data);
  const changes: Partial<AlertIntegrationsTable> = { updated_at: ctx.clock.now() };
  if (data.name !== undefined) changes.name = data.name;
  if (data.graceSeconds !== undefined) changes.grace_seconds = data.graceSeconds;
  if (data.groupWindowSeconds !== undefined) changes.group_window_seconds = data.groupWindowSeconds;
  if (data.groupBy !== undefined) changes.group_by = JSON.stringify(data.groupBy);
  if (data.urgencyMap !== undefined) changes.urgency_map = JSON.stringify(data.urgencyMap);
  if (data.flapFlips !== undefined) changes.flap_flips = data.flapFlips;
  if (data.flapWindowMinutes !== undefined) changes.flap_window_minutes = data.flapWindowMinutes;
  if (data.mapping !== undefined) changes.mapping = data.mapping ? JSON.stringify(data.mapping) : null;
  if (data.autoIncident !== undefined)
    changes.auto_incident = data.autoIncident ? JSON.stringify(data.autoIncident) : null;
  if (data.heartbeatMinutes !== undefined) changes.heartbeat_minutes = data.heartbeatMinutes;
  await ctx.db.transaction().execute(async (trx) => {
    await updateRow(trx, id, changes);
    if (data.heartbeatMinutes) {
      // The check re-arms itself from the last ping, so one pending check is enough.
      await enqueueJob(trx, ctx.clock, {
        kind: JOB_HEARTBEAT,
        payload: { integrationId: id },
        runAt: (row.last_ping_at ?? ctx.clock.now()) + data.heartbeatMinutes * 60_000,
        dedupeKey: heartbeatJobKey(id),
      });
    }
  });
  return integrationView(ctx, id);
}
