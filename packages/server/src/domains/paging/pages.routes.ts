import { CreatePageInput, Id, PageDetail, PageListQuery, PageView, pageOf, ReassignPageInput } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { actorOf } from '../directory/route-helpers.js';
import { acknowledgePage } from './commands/acknowledge-page.js';
import { createPage } from './commands/create-page.js';
import { escalatePage } from './commands/escalate-page.js';
import { reassignPage } from './commands/reassign-page.js';
import { resolvePage } from './commands/resolve-page.js';
import { listPages, userNames } from './pages.repo.js';
import { presentPage } from './paging.presenter.js';
import { getPageDetail } from './paging.service.js';

const tags = ['paging'];
const IdParams = z.object({ id: Id });

export function pageRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/pages',
    {
      schema: {
        tags,
        summary: 'List pages (yours by default, or all)',
        querystring: PageListQuery,
        response: { 200: pageOf(PageView) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { scope, status, limit, cursor } = request.query;
      const userId = scope === 'mine' ? actorOf(request).userId : undefined;
      const page = await listPages(ctx.db, { userId, status, limit, cursor });
      const names = await userNames(
        ctx.db,
        page.items.flatMap((p) => [p.created_by, p.acknowledged_by, p.resolved_by]),
      );
      return { items: page.items.map((p) => presentPage(p, names)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/pages',
    {
      schema: {
        tags,
        summary: 'Page a service, a policy, a team or people by hand',
        description:
          'With a `dedupKey` an open page already has, answers that page with 200 instead of starting another.',
        body: CreatePageInput,
        response: { 200: PageDetail, 201: PageDetail },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const { id, deduplicated } = await createPage(ctx, { ...request.body, source: 'manual' }, actorOf(request));
      return reply.code(deduplicated ? 200 : 201).send(await getPageDetail(ctx, id));
    },
  );

  app.get(
    '/pages/:id',
    {
      schema: {
        tags,
        summary: 'A page with its full escalation history',
        params: IdParams,
        response: { 200: PageDetail },
      },
      config: { access: 'viewer' },
    },
    async (request) => getPageDetail(ctx, request.params.id),
  );

  const action = (
    path: string,
    summary: string,
    run: (id: string, request: Parameters<typeof actorOf>[0]) => Promise<void>,
  ) =>
    app.post(
      `/pages/:id/${path}`,
      { schema: { tags, summary, params: IdParams, response: { 200: PageDetail } }, config: { access: 'responder' } },
      async (request) => {
        await run(request.params.id, request);
        return getPageDetail(ctx, request.params.id);
      },
    );
  action('ack', 'Acknowledge: stop the escalation', (id, r) => acknowledgePage(ctx, id, actorOf(r)));
  action('resolve', 'Resolve: end the escalation run', (id, r) => resolvePage(ctx, id, actorOf(r)));
  action('escalate', 'Escalate to the next level now', (id, r) => escalatePage(ctx, id, actorOf(r)));

  app.post(
    '/pages/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Hand the page to other people or another escalation policy',
        params: IdParams,
        body: ReassignPageInput,
        response: { 200: PageDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await reassignPage(ctx, request.params.id, request.body, actorOf(request));
      return getPageDetail(ctx, request.params.id);
    },
  );
}
