import {
  CreateIncidentRoleTypeInput,
  CreateSeverityInput,
  IncidentRoleType,
  Severity,
  UpdateSeverityInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { createRoleType, deleteRoleTypeByKey } from './commands/role-types.js';
import { createSeverity, deleteSeverity, updateSeverity } from './commands/severities.js';
import { listSeverities, roleTypes } from './incidents.service.js';
import { NoContent, viewerOf } from './route-helpers.js';

const KeyParams = z.object({ key: z.string().min(1).max(40).describe('Key, e.g. `sev2`') });

/** The organisation's severity scale and incident role catalogue; admins edit both. */
export function severityRoutes(app: App, ctx: AppContext): void {
  const tags = ['severities'];
  app.get(
    '/severities',
    {
      schema: {
        tags,
        summary: 'List severities, most severe first',
        response: { 200: z.object({ items: z.array(Severity) }) },
      },
      config: { access: 'viewer' },
    },
    async () => ({ items: await listSeverities(ctx) }),
  );

  app.get(
    '/severities/:key',
    {
      schema: { tags, summary: 'Get a severity', params: KeyParams, response: { 200: Severity } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const found = (await listSeverities(ctx)).find((s) => s.key === request.params.key.toLowerCase());
      if (!found) throw notFound('severity', request.params.key);
      return found;
    },
  );

  app.post(
    '/severities',
    {
      schema: { tags, summary: 'Add a severity', body: CreateSeverityInput, response: { 201: Severity } },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createSeverity(ctx, viewerOf(request), request.body)),
  );

  app.patch(
    '/severities/:key',
    {
      schema: {
        tags,
        summary: 'Change a severity',
        params: KeyParams,
        body: UpdateSeverityInput,
        response: { 200: Severity },
      },
      config: { access: 'admin' },
    },
    async (request) => updateSeverity(ctx, viewerOf(request), request.params.key, request.body),
  );

  app.delete(
    '/severities/:key',
    {
      schema: { tags, summary: 'Delete an unused severity', params: KeyParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteSeverity(ctx, viewerOf(request), request.params.key);
      return reply.code(204).send(null);
    },
  );

  const roleTags = ['incidents'];
  app.get(
    '/incident-roles',
    {
      schema: {
        tags: roleTags,
        summary: 'Incident roles: built in and custom',
        response: { 200: z.object({ items: z.array(IncidentRoleType) }) },
      },
      config: { access: 'viewer' },
    },
    async () => ({ items: await roleTypes(ctx.db) }),
  );

  app.post(
    '/incident-roles',
    {
      schema: {
        tags: roleTags,
        summary: 'Define a custom incident role',
        body: CreateIncidentRoleTypeInput,
        response: { 201: IncidentRoleType },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createRoleType(ctx, viewerOf(request), request.body)),
  );

  app.delete(
    '/incident-roles/:key',
    {
      schema: {
        tags: roleTags,
        summary: 'Delete a custom incident role',
        params: KeyParams,
        response: { 204: NoContent },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteRoleTypeByKey(ctx, viewerOf(request), request.params.key);
      return reply.code(204).send(null);
    },
  );
}
