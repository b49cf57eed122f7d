import { CreateIntegrationInput, type IntegrationWithKey } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import { type By, getServiceById } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { heartbeatJobKey, JOB_HEARTBEAT } from '../alerts.model.js';
import { requireRole, userIdOf } from '../alerts.policy.js';
import { presentIntegration } from '../alerts.presenter.js';
import { getIntegration, insertIntegration } from '../integrations.repo.js';
import { endpointUrl, hashRoutingKey, keyHintOf, newRoutingKey } from '../routing-key.js';
import { checkSettings } from './integration-settings.js';

/**
 * Adds an integration to a service and answers its routing key and URL — the only time they are
 * shown (only the key's hash is stored). A heartbeat integration starts waiting for its first ping.
 *
 * @example
 * const { routingKey, url } = await createIntegration(ctx, { serviceId, name: 'Prometheus', kind: 'alertmanager' }, actor);
 */
export async function createIntegration(
  ctx: AppContext,
  input: CreateIntegrationInput,
  by: By,
): Promise<IntegrationWithKey> {
  const data = parseInput(CreateIntegrationInput, input);
  requireRole(by, 'responder', 'add integrations');
  if (!(await getServiceById(ctx, data.serviceId)))
    throw invalidField('serviceId', `no service with id "${data.serviceId}"`);
  await checkSettings(ctx, data.kind, data);
  const key = newRoutingKey();
  const now = ctx.clock.now();
  const id = newId();
  const heartbeat = data.kind === 'heartbeat';
  await ctx.db.transaction().execute(async (trx) => {
    await insertIntegration(trx, {
      id,
      service_id: data.serviceId,
      name: data.name,
      kind: data.kind,
      key_hash: hashRoutingKey(key),
      key_hint: keyHintOf(key),
      grace_seconds: data.graceSeconds,
      group_window_seconds: data.groupWindowSeconds,
      group_by: JSON.stringify(data.groupBy),
      urgency_map: JSON.stringify(data.urgencyMap),
      flap_flips: data.flapFlips,
      flap_window_minutes: data.flapWindowMinutes,
      mapping: data.mapping ? JSON.stringify(data.mapping) : null,
      auto_incident: data.autoIncident ? JSON.stringify(data.autoIncident) : null,
      heartbeat_minutes: data.heartbeatMinutes,
      heartbeat_state: heartbeat ? 'waiting' : null,
      last_ping_at: null,
      created_by: userIdOf(by),
      created_at: now,
      updated_at: now,
    });
    if (heartbeat && data.heartbeatMinutes) {
      await enqueueJob(trx, ctx.clock, {
        kind: JOB_HEARTBEAT,
        payload: { integrationId: id },
        runAt: now + data.heartbeatMinutes * 60_000,
        dedupeKey: heartbeatJobKey(id),
      });
    }
  });
  const row = (await getIntegration(ctx.db, id))!;
  return {
    ...presentIntegration(row, undefined, ctx.config.publicUrl),
    routingKey: key,
    url: endpointUrl(ctx.config.publicUrl, row.kind, key),
  };
}
