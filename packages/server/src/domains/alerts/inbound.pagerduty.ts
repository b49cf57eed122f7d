import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { isConnectionError } from '../../core/db/database.js';
import { AppError } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { addFastPath, readBody } from '../../http/fast-path.js';
import { InvalidEvent } from './inbound/event.js';
import { parseEventsV1 } from './inbound/events-v1.format.js';
import { parseChangeEvent, parseEventsV2 } from './inbound/events-v2.format.js';
import { BODY_LIMIT, INBOUND, parseJson, unknownKey } from './inbound.shared.js';
import type { IngestItem } from './ingest/commit.js';
import { IngestOverloaded, type IngestQueue } from './ingest/ingest-queue.js';
import { hashRoutingKey } from './routing-key.js';

// The PagerDuty-compatible endpoints answer exactly as PagerDuty does, so a tool is pointed at
// Firebreak by changing only its URL. They are the hottest path in Firebreak (every monitoring
// tool of a fleet, thousands of events a second), so besides their Fastify routes they have a fast
// path (http/fast-path.ts): same handler, same answers, without Fastify's per-request routing,
// hooks and logging — about half of the CPU an event costs.

/** What an endpoint answers, whichever way the request came in. */
type Answer = { status: number; body: string; retryAfterSeconds?: number };

type Endpoint = { summary: string; handle: (text: string, queue: IngestQueue) => Promise<Answer> };

const answer = (status: number, body: unknown, retryAfterSeconds?: number): Answer => ({
  status,
  body: JSON.stringify(body),
  retryAfterSeconds,
});

/** Resolves once the item is committed; `field` names the key in the error when it matches nothing. */
async function accept(queue: IngestQueue, item: IngestItem, field: string): Promise<void> {
  const outcome = await queue.submit(item);
  if (!outcome.ok) throw new InvalidEvent([unknownKey(field)]);
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/v2/enqueue': {
    summary: 'PagerDuty Events API v2: trigger, acknowledge or resolve an alert',
    handle: async (text, queue) => {
      const { routingKey, alert } = parseEventsV2(parseJson(text), text);
      const target = { keyHash: hashRoutingKey(routingKey) };
      await accept(queue, { kind: 'alerts', target, alerts: [alert] }, 'routing_key');
      return answer(202, { status: 'success', message: 'Event processed', dedup_key: alert.dedupKey });
    },
  },
  '/v2/change/enqueue': {
    summary: 'PagerDuty change event: a deploy or config change, shown on the service and its incidents',
    handle: async (text, queue) => {
      const { routingKey, change } = parseChangeEvent(parseJson(text));
      await accept(queue, { kind: 'change', target: { keyHash: hashRoutingKey(routingKey) }, change }, 'routing_key');
      return answer(202, { status: 'success', message: 'Change event processed' });
    },
  },
  '/generic/2010-04-15/create_event.json': {
    summary: 'PagerDuty Events API v1 (service_key, event_type, incident_key, description)',
    handle: async (text, queue) => {
      const { routingKey, alert } = parseEventsV1(parseJson(text), text);
      const target = { keyHash: hashRoutingKey(routingKey) };
      await accept(queue, { kind: 'alerts', target, alerts: [alert] }, 'service_key');
      return answer(200, { status: 'success', message: 'Event processed', incident_key: alert.dedupKey });
    },
  },
};

const TOO_LARGE = answer(413, {
  status: 'invalid event',
  message: 'Request entity too large',
  errors: [`The body is larger than ${BODY_LIMIT / 1024} KB`],
});

/** Any failure, in PagerDuty's shape. */
function errorAnswer(ctx: AppContext, error: FastifyError | Error): Answer {
  if (error instanceof InvalidEvent) {
    return answer(400, { status: 'invalid event', message: 'Event object is invalid', errors: error.errors });
  }
  if (error instanceof IngestOverloaded) {
    const body = {
      status: 'throttle event',
      message: 'Requests for this service are arriving too quickly. Please retry later.',
      errors: [],
    };
    return answer(429, body, error.retryAfterSeconds);
  }
  const fastify = error as FastifyError;
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return TOO_LARGE;
  if (error instanceof AppError || (fastify.statusCode && fastify.statusCode < 500)) {
    const status = error instanceof AppError ? error.status : fastify.statusCode!;
    return answer(status, { status: 'invalid event', message: 'Event object is invalid', errors: [error.message] });
  }
  if (isConnectionError(error)) {
    return answer(503, { status: 'error', message: 'The event could not be stored right now; retry shortly.' }, 5);
  }
  ctx.log.error({ err: error }, 'inbound event failed');
  return answer(500, { status: 'error', message: 'Internal error; the event was not stored. Retry shortly.' });
}

const JSON_TYPE = 'application/json; charset=utf-8';

const headersOf = (a: Answer): Record<string, string> =>
  a.retryAfterSeconds === undefined
    ? { 'content-type': JSON_TYPE }
    : { 'content-type': JSON_TYPE, 'retry-after': String(a.retryAfterSeconds) };

const sendReply = (reply: FastifyReply, a: Answer) => reply.code(a.status).headers(headersOf(a)).send(a.body);

/** The routes (for `inject`, the OpenAPI document and requests the fast path declines), then the fast path. */
export function pagerDutyRoutes(scope: App, ctx: AppContext, queue: IngestQueue): void {
  scope.setErrorHandler((error: FastifyError | Error, _request, reply) => sendReply(reply, errorAnswer(ctx, error)));
  for (const [path, endpoint] of Object.entries(ENDPOINTS)) {
    scope.post(path, { schema: { tags: ['inbound'], summary: endpoint.summary }, ...INBOUND }, async (request, reply) =>
      sendReply(reply, await endpoint.handle(request.body as string, queue)),
    );
  }
  addFastPath(scope, (req, res) => {
    const endpoint = req.method === 'POST' ? ENDPOINTS[req.url ?? ''] : undefined;
    if (!endpoint) return false;
    void answerFast(ctx, req, res, endpoint, queue);
    return true;
  });
}

async function answerFast(
  ctx: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: Endpoint,
  queue: IngestQueue,
): Promise<void> {
  let a: Answer;
  try {
    const text = await readBody(req, BODY_LIMIT);
    a = text === null ? TOO_LARGE : await endpoint.handle(text, queue);
  } catch (err) {
    a = errorAnswer(ctx, err as Error);
  }
  res.writeHead(a.status, { ...headersOf(a), 'content-length': Buffer.byteLength(a.body) });
  res.end(a.body);
}
