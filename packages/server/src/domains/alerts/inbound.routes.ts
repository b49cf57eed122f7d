import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { isConnectionError } from '../../core/db/database.js';
import { AppError, badRequest } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { recordHeartbeat } from './commands/heartbeat.js';
import { parseAlertmanager } from './inbound/alertmanager.format.js';
import { InvalidEvent } from './inbound/event.js';
import { parseEventsV1 } from './inbound/events-v1.format.js';
import { parseChangeEvent, parseEventsV2 } from './inbound/events-v2.format.js';
import { parseWebhook } from './inbound/webhook.format.js';
import { dropIngestQueue, ingestQueueFor, integrationByKey } from './inbound.service.js';
import type { IngestItem, IngestOutcome } from './ingest/commit.js';
import { IngestOverloaded, type IngestQueue } from './ingest/ingest-queue.js';
import { hashRoutingKey } from './routing-key.js';

// Inbound integrations, outside /api/v1: PagerDuty Events API v2 and v1 (and change events) answer
// exactly as PagerDuty does, so a tool is pointed at Firebreak by changing only its URL; Alertmanager,
// Grafana, generic webhooks and heartbeats carry the routing key in the URL. Every answer comes
// after the event's transaction committed. Bodies are parsed here (not by Fastify) so that bad JSON,
// any content type and random bytes all get a clear 4xx in the caller's format.

/** PagerDuty's own limit. */
export const BODY_LIMIT = 512 * 1024;

const tags = ['inbound'];
// Machine endpoints: no browser reads these answers, so no security headers (helmet rebuilds its
// policy on every request, a real cost at thousands of events a second) and no per-request log lines.
const INBOUND = {
  config: { access: 'public' as const },
  bodyLimit: BODY_LIMIT,
  helmet: false as const,
  logLevel: 'warn' as const,
};
const unknownKey = (field: string) =>
  `'${field}' does not match any integration (was the key rotated or the integration deleted?)`;

export function inboundRoutes(app: App, ctx: AppContext): void {
  const queue = ingestQueueFor(ctx);
  app.addHook('onClose', async () => {
    dropIngestQueue(ctx);
    await queue.close();
  });
  app.register(async (scope) => {
    acceptAnyBody(scope);
    scope.setErrorHandler(pagerDutyErrors(ctx));
    pagerDutyRoutes(scope as App, queue);
  });
  app.register(async (scope) => {
    acceptAnyBody(scope);
    scope.setErrorHandler(problemErrors);
    integrationRoutes(scope as App, ctx, queue);
  });
}

function acceptAnyBody(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '')
    throw new InvalidEvent(['The request body is empty; send a JSON object']);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidEvent([`The request body is not valid JSON (${(err as Error).message.slice(0, 120)})`]);
  }
}

async function submit(queue: IngestQueue, item: IngestItem): Promise<IngestOutcome & { ok: true }> {
  const outcome = await queue.submit(item);
  if (!outcome.ok)
    throw new InvalidEvent([unknownKey(item.kind === 'alerts' && 'keyHash' in item.target ? 'routing_key' : 'key')]);
  return outcome;
}

const json = (reply: FastifyReply, status: number, body: unknown) =>
  reply.code(status).type('application/json').send(JSON.stringify(body));

function pagerDutyRoutes(app: App, queue: IngestQueue): void {
  app.post(
    '/v2/enqueue',
    {
      schema: { tags, summary: 'PagerDuty Events API v2: trigger, acknowledge or resolve an alert' },
      ...INBOUND,
    },
    async (request, reply) => {
      const text = request.body as string;
      const { routingKey, alert } = parseEventsV2(parseJson(text), text);
      await submit(queue, { kind: 'alerts', target: { keyHash: hashRoutingKey(routingKey) }, alerts: [alert] });
      return json(reply, 202, { status: 'success', message: 'Event processed', dedup_key: alert.dedupKey });
    },
  );

  app.post(
    '/v2/change/enqueue',
    {
      schema: {
        tags,
        summary: 'PagerDuty change event: a deploy or config change, shown on the service and its incidents',
      },
      ...INBOUND,
    },
    async (request, reply) => {
      const { routingKey, change } = parseChangeEvent(parseJson(request.body));
      await submit(queue, { kind: 'change', target: { keyHash: hashRoutingKey(routingKey) }, change });
      return json(reply, 202, { status: 'success', message: 'Change event processed' });
    },
  );

  app.post(
    '/generic/2010-04-15/create_event.json',
    {
      schema: { tags, summary: 'PagerDuty Events API v1 (service_key, event_type, incident_key, description)' },
      ...INBOUND,
    },
    async (request, reply) => {
      const text = request.body as string;
      const { routingKey, alert } = parseEventsV1(parseJson(text), text);
      const outcome = await queue.submit({
        kind: 'alerts',
        target: { keyHash: hashRoutingKey(routingKey) },
        alerts: [alert],
      });
      if (!outcome.ok) throw new InvalidEvent([unknownKey('service_key')]);
      return json(reply, 200, { status: 'success', message: 'Event processed', incident_key: alert.dedupKey });
    },
  );
}

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

/** Errors of the PagerDuty endpoints, in PagerDuty's shape. */
function pagerDutyErrors(ctx: AppContext) {
  return (error: FastifyError | Error, _request: unknown, reply: FastifyReply) => {
    if (error instanceof InvalidEvent) {
      return json(reply, 400, { status: 'invalid event', message: 'Event object is invalid', errors: error.errors });
    }
    if (error instanceof IngestOverloaded) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return json(reply, 429, {
        status: 'throttle event',
        message: 'Requests for this service are arriving too quickly. Please retry later.',
        errors: [],
      });
    }
    const fastify = error as FastifyError;
    if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return json(reply, 413, {
        status: 'invalid event',
        message: 'Request entity too large',
        errors: [`The body is larger than ${BODY_LIMIT / 1024} KB`],
      });
    }
    if (error instanceof AppError || (fastify.statusCode && fastify.statusCode < 500)) {
      const status = error instanceof AppError ? error.status : fastify.statusCode!;
      return json(reply, status, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: [error.message],
      });
    }
    if (isConnectionError(error)) {
      reply.header('retry-after', '5');
      return json(reply, 503, { status: 'error', message: 'The event could not be stored right now; retry shortly.' });
    }
    ctx.log.error({ err: error }, 'inbound event failed');
    return json(reply, 500, { status: 'error', message: 'Internal error; the event was not stored. Retry shortly.' });
  };
}

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
