import { CreateServiceInput, Id, PageQuery, pageOf, Service, UpdateServiceInput } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { createService } from './commands/create-service.js';
import { deleteService } from './commands/delete-service.js';
import { updateService } from './commands/update-service.js';
import { presentService } from './directory.presenter.js';
import { getServiceById } from './directory.service.js';
import { actorOf, IdParams, NoContent } from './route-helpers.js';
import { listServices } from './services.repo.js';

const tags = ['services'];
const ServiceListQuery = PageQuery.extend({ teamId: Id.optional().describe('Only services owned by this team') });

export function serviceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/services',
    {
      schema: { tags, summary: 'List services', querystring: ServiceListQuery, response: { 200: pageOf(Service) } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { teamId, ...page } = request.query;
      const result = await listServices(ctx.db, page, { teamId });
      return { items: result.items.map(presentService), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/services',
    {
      schema: { tags, summary: 'Add a service', body: CreateServiceInput, response: { 201: Service } },
      config: { access: 'responder' },
    },
    async (request, reply) => reply.code(201).send(await createService(ctx, request.body, actorOf(request))),
  );

  app.get(
    '/services/:id',
    {
      schema: { tags, summary: 'Get a service', params: IdParams, response: { 200: Service } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const service = await getServiceById(ctx, request.params.id);
      if (!service) throw notFound('service', request.params.id);
      return service;
    },
  );

  app.patch(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Change a service',
        params: IdParams,
        body: UpdateServiceInput,
        response: { 200: Service },
      },
      config: { access: 'responder' },
    },
    async (request) => updateService(ctx, request.params.id, request.body, actorOf(request)),
  );

  app.delete(
    '/services/:id',
    {
      schema: { tags, summary: 'Delete a service', params: IdParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteService(ctx, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
