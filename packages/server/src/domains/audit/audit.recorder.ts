import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { canonicalJson } from './audit.chain.js';
import { appendAuditEntry } from './commands/append-entry.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Path parameters that are credentials themselves (links with a token in the path). */
const SECRET_PARAM = /token|secret/i;
const MAX_VALUE = 200;
const MAX_IDS = 10;

/**
 * Records every successful change made by a person or token under /api/v1, in one place, so no
 * route can forget to. Registered on the /api/v1 context by the audit module.
 *
 * It writes in onSend (the status is final there) rather than after the answer has left: when a
 * client holds its 2xx, the entry is already committed, so a crash just after answering cannot
 * lose it and a following `GET /audit` sees it. A failed audit write is logged loudly but never
 * turns a committed change into an error answer.
 */
export function recordChanges(app: App, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!shouldRecord(request, reply)) return payload;
    const actor = request.actor!;
    try {
      await appendAuditEntry(ctx, {
        at: ctx.clock.now(),
        actor_user_id: actor.userId,
        actor_name: actor.name,
        actor_via: actor.via,
        token_id: actor.via === 'token' ? actor.credentialId : null,
        ip: request.ip,
        user_agent: clip(String(request.headers['user-agent'] ?? '')),
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
        params: canonicalJson(safeParams(request.params)),
        resource_ids: canonicalJson(resourceIds(payload)),
        status: reply.statusCode,
        request_id: String(request.id),
      });
    } catch (err) {
      request.log.error({ err }, 'audit entry could not be written');
    }
    return payload;
  });
}

function shouldRecord(request: FastifyRequest, reply: FastifyReply): boolean {
  return (
    request.actor !== null &&
    !SAFE_METHODS.has(request.method) &&
    reply.statusCode >= 200 &&
    reply.statusCode < 300 &&
    request.routeOptions.url !== undefined
  );
}

function safeParams(params: unknown): Record<string, string> {
  if (!params || typeof params !== 'object') return {};
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_PARAM.test(k) ? '[redacted]' : clip(String(v)),
    ]),
  );
}

/**
 * The ids an answer names: its own `id` and those of top-level objects (`{ incident: { id } }`).
 * Only ids leave the body; secrets in answers (a new token's secret) never reach the log.
 */
function resourceIds(payload: unknown): Record<string, string> {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return {};
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return {};
  }
  const ids: Record<string, string> = {};
  const obj = body as Record<string, unknown>;
  if (typeof obj.id === 'string') ids.id = clip(obj.id);
  for (const [key, value] of Object.entries(obj)) {
    if (Object.keys(ids).length >= MAX_IDS) break;
    const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    if (typeof id === 'string') ids[key] = clip(id);
  }
  return ids;
}

const clip = (value: string) => (value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value);
