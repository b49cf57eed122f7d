import {
  ChatUserLink,
  ChatWorkspace,
  ConfirmChatLinkInput,
  ConnectChatWorkspaceInput,
  Id,
  SlackAppSetup,
  UpdateChatWorkspaceInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { actorOf, NoContent } from '../directory/route-helpers.js';
import { presentLink, presentWorkspace } from './chat.presenter.js';
import { connectWorkspace, disconnectWorkspace, updateWorkspace } from './commands/connect-workspace.js';
import { confirmUserLink, unlinkUser } from './commands/link-user.js';
import { listLinksOfUser } from './links.repo.js';
import { slackAppSetup } from './slack-app.js';
import { listWorkspaceRows } from './workspaces.repo.js';

// Admin API for connected workspaces, and each person's own chat links, under /api/v1/chat.

const tags = ['chat'];
const IdParams = z.object({ id: Id });

export function chatRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/chat/workspaces',
    {
      schema: {
        tags,
        summary: 'Connected chat workspaces (secrets are never returned)',
        response: { 200: z.object({ items: z.array(ChatWorkspace), nextCursor: z.null() }) },
      },
      config: { access: 'admin' },
    },
    async () => ({ items: (await listWorkspaceRows(ctx.db)).map(presentWorkspace), nextCursor: null }),
  );

  app.post(
    '/chat/workspaces',
    {
      schema: {
        tags,
        summary: 'Connect a Slack workspace (bot token, signing secret) or a Mattermost team (verification token)',
        body: ConnectChatWorkspaceInput,
        response: { 201: ChatWorkspace },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await connectWorkspace(ctx, actorOf(request), request.body)),
  );

  app.patch(
    '/chat/workspaces/:id',
    {
      schema: {
        tags,
        summary: 'Change a workspace: rotate secrets, announcements channel, capture reaction',
        params: IdParams,
        body: UpdateChatWorkspaceInput,
        response: { 200: ChatWorkspace },
      },
      config: { access: 'admin' },
    },
    async (request) => updateWorkspace(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/chat/workspaces/:id',
    {
      schema: { tags, summary: 'Disconnect a workspace', params: IdParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await disconnectWorkspace(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/chat/slack-app',
    {
      schema: {
        tags,
        summary: 'The Slack app manifest and request URLs for this server',
        description:
          'URLs are built from FIREBREAK_PUBLIC_URL; paste the manifest into "Create an app → From a manifest".',
        response: { 200: SlackAppSetup },
      },
      config: { access: 'admin' },
    },
    async () => slackAppSetup(ctx),
  );

  app.get(
    '/chat/links/me',
    {
      schema: {
        tags,
        summary: 'Your chat accounts linked to Firebreak',
        response: { 200: z.object({ items: z.array(ChatUserLink), nextCursor: z.null() }) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({
      items: (await listLinksOfUser(ctx.db, actorOf(request).userId)).map(presentLink),
      nextCursor: null,
    }),
  );

  app.post(
    '/chat/links',
    {
      schema: {
        tags,
        summary: 'Link the chat user of a `/inc link` token to your account',
        body: ConfirmChatLinkInput,
        response: { 201: ChatUserLink },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) =>
      reply.code(201).send(await confirmUserLink(ctx, actorOf(request).userId, request.body.token)),
  );

  app.delete(
    '/chat/links/me',
    {
      schema: { tags, summary: 'Unlink all your chat accounts', response: { 204: NoContent } },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await unlinkUser(ctx, actorOf(request).userId);
      return reply.code(204).send(null);
    },
  );
}
