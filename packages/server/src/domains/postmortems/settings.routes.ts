import {
  CreatePostmortemTemplateInput,
  Id,
  PostmortemDueRule,
  PostmortemTemplate,
  SetPostmortemDueRuleInput,
  UpdatePostmortemTemplateInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { createTemplate, deleteTemplate, setDueRule, updateTemplate } from './commands/templates.js';
import { items, NoContent, viewerOf } from './route-helpers.js';
import { listDueRules, listTemplates } from './templates.service.js';

const tags = ['postmortems'];
const TemplateParams = z.object({ templateId: Id.describe('Template id (`default` is the built-in one)') });
const SeverityParams = z.object({ severity: z.string().min(1).max(40).describe('Severity key, e.g. `sev2`') });

/** Templates and due-date rules: everyone reads them, admins change them. */
export function settingsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/postmortems/templates',
    {
      schema: {
        tags,
        summary: 'List postmortem templates',
        description: 'The built-in template first, then custom ones; `isDefault` marks the one new postmortems use.',
        response: { 200: items(PostmortemTemplate) },
      },
      config: { access: 'viewer' },
    },
    async () => ({ items: await listTemplates(ctx.db) }),
  );

  app.post(
    '/postmortems/templates',
    {
      schema: {
        tags,
        summary: 'Create a template',
        body: CreatePostmortemTemplateInput,
        response: { 201: PostmortemTemplate },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createTemplate(ctx, viewerOf(request), request.body)),
  );

  app.patch(
    '/postmortems/templates/:templateId',
    {
      schema: {
        tags,
        summary: 'Change a template',
        description: 'Existing postmortems keep the sections they were created with.',
        params: TemplateParams,
        body: UpdatePostmortemTemplateInput,
        response: { 200: PostmortemTemplate },
      },
      config: { access: 'admin' },
    },
    async (request) => updateTemplate(ctx, viewerOf(request), request.params.templateId, request.body),
  );

  app.delete(
    '/postmortems/templates/:templateId',
    {
      schema: { tags, summary: 'Delete a template', params: TemplateParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteTemplate(ctx, viewerOf(request), request.params.templateId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/postmortems/due-rules',
    {
      schema: {
        tags,
        summary: 'Due dates per severity',
        description:
          'In working days (Monday–Friday, organisation time zone) after resolution. Default: a draft within 2 working days for severities that require a postmortem.',
        response: { 200: items(PostmortemDueRule) },
      },
      config: { access: 'viewer' },
    },
    async () => ({ items: await listDueRules(ctx.db) }),
  );

  app.put(
    '/postmortems/due-rules/:severity',
    {
      schema: {
        tags,
        summary: 'Set the due dates of a severity',
        description: 'Applies to postmortems created from now on.',
        params: SeverityParams,
        body: SetPostmortemDueRuleInput,
        response: { 200: PostmortemDueRule },
      },
      config: { access: 'admin' },
    },
    async (request) => setDueRule(ctx, viewerOf(request), request.params.severity, request.body),
  );
}
