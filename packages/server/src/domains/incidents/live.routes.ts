import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import type { IncidentHub } from './incidents.live.js';
import { canSee, type Viewer } from './incidents.policy.js';
import { getIncidentRow } from './incidents.repo.js';
import { getVisibleIncident, summarizeOne } from './incidents.service.js';
import { IncidentParams, viewerOf } from './route-helpers.js';

const HEARTBEAT_MS = 15_000;

type Message = { event: string; data: unknown };

/**
 * Server-Sent Events: `incident` events carry the incident's summary whenever anything about it
 * changed (a note, a role, a status…); clients re-read whatever else they show. Each event is
 * re-checked against the viewer, so a private incident never streams to someone who may not see it.
 */
export function liveRoutes(app: App, ctx: AppContext, hub: IncidentHub): void {
  const open = new Set<ServerResponse>();
  // Streams never go idle on their own: end them so the server can close.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  const render = async (viewer: Viewer, incidentId: string): Promise<Message | null> => {
    const row = await getIncidentRow(ctx.db, incidentId);
    if (!row || !(await canSee(ctx.db, row, viewer))) return null;
    return { event: 'incident', data: { incident: await summarizeOne(ctx.db, row, ctx.clock.now()) } };
  };

  const stream = (request: FastifyRequest, reply: FastifyReply, wants: (incidentId: string) => boolean) => {
    const viewer = viewerOf(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    res.write('retry: 3000\n: connected\n\n');
    open.add(res);
    // One render at a time per stream keeps events in the order the changes happened.
    let queue = Promise.resolve();
    const unsubscribe = hub.subscribe((incidentId) => {
      if (!wants(incidentId)) return;
      queue = queue
        .then(async () => {
          const message = await render(viewer, incidentId);
          if (message && !res.writableEnded)
            res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
        })
        .catch((err) => request.log.warn({ err, incidentId }, 'live incident event failed'));
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  };

  app.get(
    '/incidents/events',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Live changes of every incident you may see (Server-Sent Events)',
        description: 'Each `incident` event carries `{ incident: IncidentSummary }`.',
        produces: ['text/event-stream'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => stream(request, reply, () => true),
  );

  app.get(
    '/incidents/:id/events',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Live changes of one incident (Server-Sent Events)',
        description: 'Each `incident` event carries `{ incident: IncidentSummary }`; re-read the timeline on each.',
        params: IncidentParams,
        produces: ['text/event-stream'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      // Before the stream opens, so an invisible or unknown incident is a plain 404.
      const row = await getVisibleIncident(ctx, viewerOf(request), request.params.id);
      stream(request, reply, (incidentId) => incidentId === row.id);
    },
  );
}
