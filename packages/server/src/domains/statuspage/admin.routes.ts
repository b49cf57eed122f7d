import {
  AddSubscriberByAdminInput,
  ComponentGroup,
  ComponentGroupInput,
  DraftReportInput,
  EditReportInput,
  Id,
  InternalStatus,
  MaintenanceInput,
  MaintenanceUpdateInput,
  PageQuery,
  PublicIncident,
  PublicIncidentReport,
  PublicUpdateInput,
  PublicUpdatePreview,
  PublishIncidentInput,
  pageOf,
  ResolvePublicIncidentInput,
  SigningSecret,
  StatusComponent,
  StatusComponentInput,
  StatusPageSettings,
  StatusSubscriber,
  UpdateComponentGroupInput,
  UpdateStatusComponentInput,
  UpdateStatusPageSettingsInput,
} from '@firebreak/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { unauthorized } from '../../core/errors.js';
import { presentSigningKeys } from '../../core/outbound/signing-keys.js';
import type { App } from '../../http/app.js';
import {
  createComponent,
  createComponentGroup,
  deleteComponent,
  deleteComponentGroup,
  updateComponent,
  updateComponentGroup,
} from './commands/components.js';
import { scheduleMaintenance, updateMaintenance } from './commands/maintenance.js';
import { postPublicUpdate, previewPublicUpdate } from './commands/post-public-update.js';
import { publishIncident } from './commands/publish-incident.js';
import { draftReport, editReport, getReport, publishReport, reviewReport } from './commands/reports.js';
import { resolvePublicIncident } from './commands/resolve-public-incident.js';
import {
  finishSubscriberSigningSecretRotation,
  rotateSubscriberSigningSecret,
} from './commands/subscriber-signing-secret.js';
import { addSubscriberByAdmin, removeSubscriber } from './commands/subscriptions.js';
import { updateStatusPageSettings } from './commands/update-settings.js';
import { internalStatus } from './internal.service.js';
import { loadSettings, presentSettings } from './settings.service.js';
import type { Editor } from './statuspage.policy.js';
import { presentSubscriber } from './statuspage.presenter.js';
import { getPublicIncident, listComponents, listPublicIncidents } from './statuspage.service.js';
import { lastNotifications, listSubscriberRows } from './subscribers.repo.js';

const tags = ['status page'];
const Params = z.object({ id: Id });
const NoContent = z.null().describe('No content');
const Components = z.object({ groups: z.array(ComponentGroup), components: z.array(StatusComponent) });
const Items = z.object({ items: z.array(PublicIncident) });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

function editorOf(request: FastifyRequest): Editor {
  const actor = request.actor;
  if (!actor) throw unauthorized();
  return { userId: actor.userId, name: actor.name, role: actor.role };
}

/** The admin and communications API under /api/v1/status, and the internal status page. */
export function adminRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/status/internal',
    {
      schema: {
        tags,
        summary: 'Internal status for stakeholders',
        description: 'Every active incident you may see with its latest stakeholder update; no war-room detail.',
        response: { 200: InternalStatus },
      },
      config: { access: 'viewer' },
    },
    async (request) => internalStatus(ctx, editorOf(request)),
  );

  app.get(
    '/status/settings',
    {
      schema: { tags, summary: 'Status page settings', response: { 200: StatusPageSettings } },
      config: { access: 'viewer' },
    },
    async () => presentSettings(await loadSettings(ctx.db, ctx)),
  );
  app.patch(
    '/status/settings',
    {
      schema: {
        tags,
        summary: 'Change name, logo, colours, time zone or own host name',
        body: UpdateStatusPageSettingsInput,
        response: { 200: StatusPageSettings },
      },
      config: { access: 'admin' },
    },
    async (request) => updateStatusPageSettings(ctx, editorOf(request), request.body),
  );

  app.get(
    '/status/components',
    { schema: { tags, summary: 'Components and groups', response: { 200: Components } }, config: { access: 'viewer' } },
    async () => listComponents(ctx.db),
  );
  app.post(
    '/status/components',
    {
      schema: { tags, summary: 'Add a component', body: StatusComponentInput, response: { 201: StatusComponent } },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createComponent(ctx, editorOf(request), request.body)),
  );
  app.patch(
    '/status/components/:id',
    {
      schema: {
        tags,
        summary: 'Change a component',
        description: 'A `status` here is a manual change outside any incident; it is recorded in the uptime history.',
        params: Params,
        body: UpdateStatusComponentInput,
        response: { 200: StatusComponent },
      },
      config: { access: 'admin' },
    },
    async (request) => updateComponent(ctx, editorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/status/components/:id',
    {
      schema: { tags, summary: 'Remove a component', params: Params, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteComponent(ctx, editorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/status/groups',
    {
      schema: { tags, summary: 'Add a component group', body: ComponentGroupInput, response: { 201: ComponentGroup } },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createComponentGroup(ctx, editorOf(request), request.body)),
  );
  app.patch(
    '/status/groups/:id',
    {
      schema: {
        tags,
        summary: 'Change a component group',
        params: Params,
        body: UpdateComponentGroupInput,
        response: { 200: ComponentGroup },
      },
      config: { access: 'admin' },
    },
    async (request) => updateComponentGroup(ctx, editorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/status/groups/:id',
    {
      schema: { tags, summary: 'Remove a group (its components stay)', params: Params, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteComponentGroup(ctx, editorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/status/incidents',
    {
      schema: { tags, summary: 'Public incidents, newest first', querystring: ListQuery, response: { 200: Items } },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listPublicIncidents(ctx, { kind: 'incident', limit: request.query.limit }) }),
  );
  app.get(
    '/status/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One public incident or maintenance',
        params: Params,
        response: { 200: PublicIncident },
      },
      config: { access: 'viewer' },
    },
    async (request) => getPublicIncident(ctx, request.params.id),
  );
  app.post(
    '/status/incidents',
    {
      schema: {
        tags,
        summary: 'Publish an incident on the status page',
        description:
          'From an internal incident: a customer-facing name and first update, components and impact. Private incidents are refused.',
        body: PublishIncidentInput,
        response: { 201: PublicIncident },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => reply.code(201).send(await publishIncident(ctx, editorOf(request), request.body)),
  );
  app.post(
    '/status/incidents/:id/updates/preview',
    {
      schema: {
        tags,
        summary: 'Preview a public update',
        description:
          'How the page and the email will show it, the component changes and how many subscribers it reaches. Writes nothing.',
        params: Params,
        body: PublicUpdateInput,
        response: { 200: PublicUpdatePreview },
      },
      config: { access: 'responder' },
    },
    async (request) => previewPublicUpdate(ctx, editorOf(request), request.params.id, request.body),
  );
  app.post(
    '/status/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post a public update',
        description:
          "Also recorded on the incident's timeline as a public status update (which counts for the update cadence).",
        params: Params,
        body: PublicUpdateInput,
        response: { 201: PublicIncident },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(201).send(await postPublicUpdate(ctx, editorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/status/incidents/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a public incident',
        description: 'Restores its components (operational unless something else holds them). Needs `confirm: true`.',
        params: Params,
        body: ResolvePublicIncidentInput,
        response: { 200: PublicIncident },
      },
      config: { access: 'responder' },
    },
    async (request) => resolvePublicIncident(ctx, editorOf(request), request.params.id, request.body),
  );

  app.get(
    '/status/incidents/:id/report',
    {
      schema: { tags, summary: 'The incident report', params: Params, response: { 200: PublicIncidentReport } },
      config: { access: 'viewer' },
    },
    async (request) => getReport(ctx, request.params.id),
  );
  app.post(
    '/status/incidents/:id/report/draft',
    {
      schema: {
        tags,
        summary: 'Draft the customer-facing incident report',
        description:
          'From the postmortem text when given, else from the public updates. Replaces an unpublished draft.',
        params: Params,
        body: DraftReportInput,
        response: { 201: PublicIncidentReport },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(201).send(await draftReport(ctx, editorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/status/incidents/:id/report',
    {
      schema: {
        tags,
        summary: 'Edit the report (back to draft)',
        params: Params,
        body: EditReportInput,
        response: { 200: PublicIncidentReport },
      },
      config: { access: 'responder' },
    },
    async (request) => editReport(ctx, editorOf(request), request.params.id, request.body),
  );
  app.post(
    '/status/incidents/:id/report/review',
    {
      schema: {
        tags,
        summary: 'Sign the report off (not its last editor)',
        params: Params,
        response: { 200: PublicIncidentReport },
      },
      config: { access: 'responder' },
    },
    async (request) => reviewReport(ctx, editorOf(request), request.params.id),
  );
  app.post(
    '/status/incidents/:id/report/publish',
    {
      schema: {
        tags,
        summary: 'Publish the reviewed report and send it to subscribers',
        params: Params,
        response: { 200: PublicIncidentReport },
      },
      config: { access: 'responder' },
    },
    async (request) => publishReport(ctx, editorOf(request), request.params.id),
  );

  app.get(
    '/status/maintenance',
    {
      schema: {
        tags,
        summary: 'Scheduled maintenance, newest first',
        querystring: ListQuery,
        response: { 200: Items },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listPublicIncidents(ctx, { kind: 'maintenance', limit: request.query.limit }) }),
  );
  app.post(
    '/status/maintenance',
    {
      schema: {
        tags,
        summary: 'Schedule maintenance',
        description:
          'Starts and completes by itself on time; while it runs its services’ alerts are recorded, not paged.',
        body: MaintenanceInput,
        response: { 201: PublicIncident },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await scheduleMaintenance(ctx, editorOf(request), request.body)),
  );
  app.post(
    '/status/maintenance/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post a maintenance update (start, verify, complete or cancel it)',
        params: Params,
        body: MaintenanceUpdateInput,
        response: { 201: PublicIncident },
      },
      config: { access: 'admin' },
    },
    async (request, reply) =>
      reply.code(201).send(await updateMaintenance(ctx, editorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/status/subscribers',
    {
      schema: { tags, summary: 'Subscribers', querystring: PageQuery, response: { 200: pageOf(StatusSubscriber) } },
      config: { access: 'admin' },
    },
    async (request) => {
      const rows = await listSubscriberRows(ctx.db, { limit: request.query.limit, after: request.query.cursor });
      const page = rows.slice(0, request.query.limit);
      const last = await lastNotifications(
        ctx.db,
        page.map((r) => r.id),
      );
      return {
        items: page.map((r) => presentSubscriber(r, last.get(r.id))),
        nextCursor: rows.length > request.query.limit ? page[page.length - 1]!.id : null,
      };
    },
  );
  app.post(
    '/status/subscribers',
    {
      schema: {
        tags,
        summary: 'Add a subscriber',
        description: 'Webhooks are active at once; email addresses still confirm by link.',
        body: AddSubscriberByAdminInput,
        response: { 201: StatusSubscriber },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await addSubscriberByAdmin(ctx, editorOf(request), request.body)),
  );
  app.delete(
    '/status/subscribers/:id',
    {
      schema: { tags, summary: 'Remove a subscriber', params: Params, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await removeSubscriber(ctx, editorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/status/subscribers/:id/signing-secret/rotate',
    {
      schema: {
        tags,
        summary: "Replace a webhook subscriber's signing secret; the previous one keeps signing for 24 hours",
        params: Params,
        response: { 200: SigningSecret },
      },
      config: { access: 'admin' },
    },
    async (request) =>
      presentSigningKeys(await rotateSubscriberSigningSecret(ctx, editorOf(request), request.params.id)),
  );
  app.post(
    '/status/subscribers/:id/signing-secret/finish-rotation',
    {
      schema: {
        tags,
        summary: "Stop signing a webhook subscriber's requests with the previous secret now",
        params: Params,
        response: { 204: NoContent },
      },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await finishSubscriberSigningSecretRotation(ctx, editorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
