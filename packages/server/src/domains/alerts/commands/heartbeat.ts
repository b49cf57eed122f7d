import type { AppContext } from '../../../core/context.js';
import { badRequest } from '../../../core/errors.js';
import { enqueueJob } from '../../../core/scheduler/enqueue.js';
import { HEARTBEAT_DEDUP_KEY, heartbeatJobKey, type IntegrationRow, JOB_HEARTBEAT } from '../alerts.model.js';
import { contentHash, type InboundAlert } from '../inbound/event.js';
import { commitItems } from '../ingest/commit.js';
import { getIntegration, updateIntegration } from '../integrations.repo.js';

/**
 * A ping: the integration is alive until `now + interval`. A ping after a miss resolves the
 * missed-heartbeat alert first, then the check is re-armed.
 */
export async function recordHeartbeat(
  ctx: AppContext,
  integration: IntegrationRow,
): Promise<{ nextPingDueAt: number }> {
  const minutes = integration.heartbeat_minutes;
  if (!minutes) {
    throw badRequest(
      'not_a_heartbeat',
      'This integration does not expect pings; create a heartbeat integration for that.',
    );
  }
  const now = ctx.clock.now();
  if (integration.heartbeat_state === 'missed') {
    await commitItems(ctx, [
      {
        kind: 'alerts',
        target: { integrationId: integration.id },
        alerts: [heartbeatAlert(integration, 'resolve', now)],
      },
    ]);
  }
  const nextPingDueAt = now + minutes * 60_000;
  await ctx.db.transaction().execute(async (trx) => {
    await updateIntegration(trx, integration.id, { last_ping_at: now, heartbeat_state: 'ok' });
    await enqueueJob(trx, ctx.clock, {
      kind: JOB_HEARTBEAT,
      payload: { integrationId: integration.id },
      runAt: nextPingDueAt,
      dedupeKey: heartbeatJobKey(integration.id),
    });
  });
  return { nextPingDueAt };
}

/**
 * The durable check: if no ping came within the interval, raise the missed-heartbeat alert (once
 * per miss); otherwise come back when the next ping is due.
 */
export async function checkHeartbeat(ctx: AppContext, integrationId: string): Promise<void> {
  const integration = await getIntegration(ctx.db, integrationId);
  if (!integration?.heartbeat_minutes || integration.heartbeat_state === 'missed') return;
  const due = (integration.last_ping_at ?? integration.created_at) + integration.heartbeat_minutes * 60_000;
  if (ctx.clock.now() < due) {
    await enqueueJob(ctx.db, ctx.clock, {
      kind: JOB_HEARTBEAT,
      payload: { integrationId },
      runAt: due,
      dedupeKey: heartbeatJobKey(integrationId),
    });
    return;
  }
  // Same content for the same miss: a re-run of this job after a crash adds nothing.
  await commitItems(ctx, [
    { kind: 'alerts', target: { integrationId }, alerts: [heartbeatAlert(integration, 'trigger', due)] },
  ]);
  await updateIntegration(ctx.db, integrationId, { heartbeat_state: 'missed' });
}

function heartbeatAlert(integration: IntegrationRow, action: 'trigger' | 'resolve', at: number): InboundAlert {
  return {
    action,
    dedupKey: HEARTBEAT_DEDUP_KEY,
    summary:
      action === 'trigger'
        ? `Heartbeat “${integration.name}” missed: no ping for ${integration.heartbeat_minutes} minutes`
        : `Heartbeat “${integration.name}” is back`,
    source: 'firebreak-heartbeat',
    severity: 'critical',
    occurredAt: at,
    component: null,
    sourceGroup: null,
    className: 'heartbeat',
    details: JSON.stringify({
      lastPingAt: integration.last_ping_at ? new Date(integration.last_ping_at).toISOString() : null,
    }),
    labels: null,
    annotations: null,
    links: [],
    images: [],
    client: 'Firebreak',
    clientUrl: null,
    groupKey: null,
    format: 'heartbeat',
    hash: contentHash(`heartbeat:${action}:${at}`),
  };
}
