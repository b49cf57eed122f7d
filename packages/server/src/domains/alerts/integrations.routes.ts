import {
  CreateIntegrationInput,
  Id,
  Integration,
  IntegrationListQuery,
  IntegrationWithKey,
  pageOf,
  TestEventInput,
  TestEventResult,
  UpdateIntegrationInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { actorOf, NoContent } from '../directory/route-helpers.js';
import { createIntegration } from './commands/create-integration.js';
import { deleteIntegration } from './commands/delete-integration.js';
import { rotateIntegrationKey } from './commands/rotate-integration-key.js';
import { sendTestEvent } from './commands/send-test-event.js';
import { updateIntegration } from './commands/update-integration.js';
import { integrationPage, integrationView } from './integrations.service.js';

const tags = ['alerts'];
const IdParams = z.object({ id: Id });

export function integrationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/integrations',
    {
      schema: {
        tags,
        summary: 'List integrations, with noise ratio and pages per week',
        querystring: IntegrationListQuery,
        response: { 200: pageOf(Integration) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { serviceId, ...page } = request.query;
      return integrationPage(ctx, page, { serviceId });
    },
  );

  app.post(
    '/integrations',
    {
      schema: {
        tags,
        summary: 'Add an integration to a service',
        description: 'Answers the routing key and the URL to configure; this is the only time the key is shown.',
        body: CreateIntegrationInput,
        response: { 201: IntegrationWithKey },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => reply.code(201).send(await createIntegration(ctx, request.body, actorOf(request))),
  );

  app.get(
    '/integrations/:id',
    {
      schema: { tags, summary: 'An integration', params: IdParams, response: { 200: Integration } },
      config: { access: 'viewer' },
    },
    async (request) => integrationView(ctx, request.params.id),
  );

  app.patch(
    '/integrations/:id',
    {
      schema: {
        tags,
        summary: 'Change an integration’s settings',
        params: IdParams,
        body: UpdateIntegrationInput,
        response: { 200: Integration },
      },
      config: { access: 'responder' },
    },
    async (request) => updateIntegration(ctx, request.params.id, request.body, actorOf(request)),
  );

  app.delete(
    '/integrations/:id',
    {
      schema: { tags, summary: 'Delete an integration and its alerts', params: IdParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteIntegration(ctx, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/integrations/:id/rotate-key',
    {
      schema: {
        tags,
        summary: 'Replace the routing key (the old one stops working now)',
        params: IdParams,
        response: { 200: IntegrationWithKey },
      },
      config: { access: 'responder' },
    },
    async (request) => rotateIntegrationKey(ctx, request.params.id, actorOf(request)),
  );

  app.post(
    '/integrations/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test trigger through the integration',
        params: IdParams,
        body: TestEventInput,
        response: { 202: TestEventResult },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(202).send(await sendTestEvent(ctx, request.params.id, request.body, actorOf(request))),
  );
}
