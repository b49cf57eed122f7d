import type { IntegrationWithKey } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import { requireRole } from '../alerts.policy.js';
import { getIntegration, updateIntegration } from '../integrations.repo.js';
import { integrationView } from '../integrations.service.js';
import { endpointUrl, hashRoutingKey, keyHintOf, newRoutingKey } from '../routing-key.js';

/** Replaces the routing key: the old one stops working at once; the new one is shown this once. */
export async function rotateIntegrationKey(ctx: AppContext, id: string, by: By): Promise<IntegrationWithKey> {
  requireRole(by, 'responder', 'rotate integration keys');
  const row = await getIntegration(ctx.db, id);
  if (!row) throw notFound('integration', id);
  const key = newRoutingKey();
  await updateIntegration(ctx.db, id, {
    key_hash: hashRoutingKey(key),
    key_hint: keyHintOf(key),
    updated_at: ctx.clock.now(),
  });
  return {
    ...(await integrationView(ctx, id)),
    routingKey: key,
    url: endpointUrl(ctx.config.publicUrl, row.kind, key),
  };
}
