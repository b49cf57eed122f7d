import {
  ActionItem,
  ActionItemListQuery,
  ActionItemOverdueSummary,
  CreateActionItemInput,
  Id,
  pageOf,
  UpdateActionItemInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { createActionItem, updateActionItem } from './commands/action-items.js';
import { reassignActionItems } from './commands/reassign-action-items.js';
import { getActionItem, listActionItems, overdueSummary } from './postmortems.service.js';
import { viewerOf } from './route-helpers.js';

const tags = ['action items'];
const ItemParams = z.object({ id: Id.describe('Action item id') });
const ReassignInput = z.strictObject({
  fromUserId: Id.describe('Current owner (e.g. someone leaving)'),
  toUserId: Id.describe('New owner; must be an active person'),
});

/** Action items from postmortems, decisions and timeline entries: lists, overdue views, edits. */
export function actionItemRoutes(app: App, ctx: AppContext): void {
  const load = async (request: Parameters<typeof viewerOf>[0], id: string) => {
    const item = await getActionItem(ctx, viewerOf(request), id);
    if (!item) throw notFound('action item', id);
    return item;
  };

  app.get(
    '/action-items',
    {
      schema: {
        tags,
        summary: 'List action items',
        description:
          'Newest first. `overdue=true` for unfinished items past due; `owner=me`, `team=mine` for your own.',
        querystring: ActionItemListQuery,
        response: { 200: pageOf(ActionItem) },
      },
      config: { access: 'viewer' },
    },
    async (request) => listActionItems(ctx, viewerOf(request), request.query),
  );

  app.get(
    '/action-items/overdue-summary',
    {
      schema: {
        tags,
        summary: 'Overdue action items per person and per team',
        response: { 200: ActionItemOverdueSummary },
      },
      config: { access: 'viewer' },
    },
    async (request) => overdueSummary(ctx, viewerOf(request)),
  );

  app.post(
    '/action-items',
    {
      schema: {
        tags,
        summary: 'Create an action item',
        description:
          'From a postmortem, or from a decision or timeline entry of an incident. `trackerUrl` must be a Jira, Linear or GitHub issue link.',
        body: CreateActionItemInput,
        response: { 201: ActionItem },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const id = await createActionItem(ctx, viewerOf(request), request.body);
      return reply.code(201).send(await load(request, id));
    },
  );

  app.post(
    '/action-items/reassign',
    {
      schema: {
        tags,
        summary: 'Hand every unfinished action item of one person to another',
        description: 'For people leaving or being deactivated; finished items keep their owner.',
        body: ReassignInput,
        response: { 200: z.object({ moved: z.array(Id) }) },
      },
      config: { access: 'admin' },
    },
    async (request) => ({ moved: await reassignActionItems(ctx, request.body.fromUserId, request.body.toUserId) }),
  );

  app.get(
    '/action-items/:id',
    {
      schema: { tags, summary: 'Show an action item', params: ItemParams, response: { 200: ActionItem } },
      config: { access: 'viewer' },
    },
    async (request) => load(request, request.params.id),
  );

  app.patch(
    '/action-items/:id',
    {
      schema: {
        tags,
        summary: 'Change an action item',
        description: 'Send the `version` you read; a stale one is refused with 409 `stale_version`.',
        params: ItemParams,
        body: UpdateActionItemInput,
        response: { 200: ActionItem },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await updateActionItem(ctx, viewerOf(request), request.params.id, request.body);
      return load(request, request.params.id);
    },
  );
}
