import type { FastifyError, FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { AppError, badRequest } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { recordHeartbeat } from './commands/heartbeat.js';
import { parseAlertmanager } from './inbound/alertmanager.format.js';
import { InvalidEvent } from './inbound/event.js';
import { parseWebhook } from './inbound/webhook.format.js';
import { pagerDutyRoutes } from './inbound.pagerduty.js';
import { dropIngestQueue, ingestQueueFor, integrationByKey } from './inbound.service.js';
import { acceptAnyBody, INBOUND, parseJson } from './inbound.shared.js';
import { IngestOverloaded, type IngestQueue } from './ingest/ingest-queue.js';
import { hashRoutingKey } from './routing-key.js';

// Inbound integrations, outside /api/v1: the PagerDuty-compatible endpoints (inbound.pagerduty.ts);
// Alertmanager, Grafana, generic webhooks and heartbeats, which carry the routing key in the URL and
// answer problem+json. Every answer comes after the event's transaction committed. Bodies are parsed
// here (not by Fastify) so that bad JSON, any content type and random bytes all get a clear 4xx.

const tags = ['inbound'];

export function inboundRoutes(app: App, ctx: AppContext): void {
  const queue = ingestQueueFor(ctx);
  app.addHook('onClose', async () => {
    dropIngestQueue(ctx);
    await queue.close();
  });
  app.register(async (scope) => {
    acceptAnyBody(scope);
    pagerDutyRoutes(scope as App, ctx, queue);
  });
  app.register(async (scope) => {
    acceptAnyBody(scope);
    scope.setErrorHandler(problemErrors);
    integrationRoutes(scope as App, ctx, queue);
  });
}

const json = (reply: FastifyReply, status: number, body: unknown) =>
  reply.code(status).type('application/json').send(JSON.stringify(body));

function integrationRoutes(app: App, ctx: AppContext, queue: IngestQueue): void {
  app.post(
    '/integrations/alertmanager/:key',
    {
      schema: { tags, summary: 'Prometheus Alertmanager webhook_config (version 4) or Grafana alerting webhook' },
      ...INBOUND,
    },
    async (request, reply) => {
      const { key } = request.params as { key: string };
      const alerts = parseAlertmanager(parseJson(request.body));
      const outcome = await queue.submit({ kind: 'alerts', target: { keyHash: hashRoutingKey(key) }, alerts });
      if (!outcome.ok) throw unknownIntegration();
      return json(reply, 202, { status: 'success', message: 'Notification processed', alerts: alerts.length });
    },
  );

  app.post(
    '/integrations/webhook/:key',
    {
      schema: { tags, summary: 'Generic JSON webhook, mapped by the integration’s dotted paths' },
      ...INBOUND,
    },
    async (request, reply) => {
      const integration = await integrationByKey(ctx, (request.params as { key: string }).key);
      if (!integration) throw unknownIntegration();
      if (!integration.mapping)
        throw badRequest('no_mapping', 'This integration has no webhook mapping; set one, or use its own endpoint.');
      const alerts = parseWebhook(parseJson(request.body), JSON.parse(integration.mapping));
      await queue.submit({ kind: 'alerts', target: { integrationId: integration.id }, alerts });
      return json(reply, 202, { status: 'success', message: 'Webhook processed', alerts: alerts.length });
    },
  );

  const ping = async (key: string, reply: FastifyReply) => {
    const integration = await integrationByKey(ctx, key);
    if (!integration) throw unknownIntegration();
    const { nextPingDueAt } = await recordHeartbeat(ctx, integration);
    return json(reply, 200, { status: 'ok', nextPingDueBy: new Date(nextPingDueAt).toISOString() });
  };
  const options = { schema: { tags, summary: 'Heartbeat ping' }, ...INBOUND };
  app.get('/integrations/heartbeat/:key', options, (request, reply) =>
    ping((request.params as { key: string }).key, reply),
  );
  app.post('/integrations/heartbeat/:key', options, (request, reply) =>
    ping((request.params as { key: string }).key, reply),
  );
}

const unknownIntegration = () =>
  new AppError(
    404,
    'unknown_integration_key',
    'No integration has this key; it may have been rotated or the integration deleted.',
  );

/** The other inbound endpoints answer problem+json like the rest of the API. */
function problemErrors(error: FastifyError | Error, _request: unknown, reply: FastifyReply): never {
  if (error instanceof InvalidEvent) {
    throw badRequest(
      'invalid_event',
      `Invalid notification: ${error.errors.join('; ')}`,
      error.errors.map((message) => ({ field: /^'([^']+)'/.exec(message)?.[1] ?? 'body', message })),
    );
  }
  if (error instanceof IngestOverloaded) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    throw new AppError(429, 'ingest_overloaded', error.message, { retryAfterSeconds: error.retryAfterSeconds });
  }
  throw error;
}
