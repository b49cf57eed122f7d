import { TestEventInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import { parseInput } from '../../directory/validate.js';
import { requireRole } from '../alerts.policy.js';
import { contentHash, newDedupKey } from '../inbound/event.js';
import { commitItems } from '../ingest/commit.js';
import { getIntegration } from '../integrations.repo.js';

/**
 * Sends a trigger through the integration as if its tool had, so the whole path (grouping,
 * grace period, paging) can be tried. Resolve it with the answered dedup key.
 */
export async function sendTestEvent(
  ctx: AppContext,
  integrationId: string,
  input: TestEventInput,
  by: By,
): Promise<{ dedupKey: string; alertId: string | null }> {
  const data = parseInput(TestEventInput, input);
  requireRole(by, 'responder', 'send test events');
  const integration = await getIntegration(ctx.db, integrationId);
  if (!integration) throw notFound('integration', integrationId);
  const dedupKey = `test-${newDedupKey()}`;
  const who = by === 'system' ? 'Firebreak' : by.name;
  const [outcome] = await commitItems(ctx, [
    {
      kind: 'alerts',
      target: { integrationId },
      alerts: [
        {
          action: 'trigger',
          dedupKey,
          summary: data.summary ?? `Test event from Firebreak (sent by ${who})`,
          source: 'firebreak-test',
          severity: data.severity,
          occurredAt: ctx.clock.now(),
          component: null,
          sourceGroup: null,
          className: 'test',
          details: JSON.stringify({ sentBy: who }),
          labels: null,
          annotations: null,
          links: [],
          images: [],
          client: 'Firebreak',
          clientUrl: null,
          groupKey: null,
          format: 'test',
          hash: contentHash(dedupKey),
        },
      ],
    },
  ]);
  return { dedupKey, alertId: outcome?.ok ? (outcome.alertIds[0] ?? null) : null };
}
