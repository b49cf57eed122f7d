import { Readable } from 'node:stream';
import {
  AcceptTriageInput,
  ChangeSeverityInput,
  ChangeStatusInput,
  DeclaredIncident,
  DeclareIncidentInput,
  DeclineTriageInput,
  IncidentCounts,
  IncidentDetail,
  IncidentListQuery,
  IncidentSummary,
  MergeIncidentInput,
  pageOf,
  ReportIncidentInput,
  SimilarIncident,
  SimilarQuery,
  UpdateIncidentInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { changeSeverity } from './commands/change-severity.js';
import { changeStatus } from './commands/change-status.js';
import { declareIncident } from './commands/declare-incident.js';
import { reportIncident } from './commands/report-incident.js';
import { acceptTriage, declineTriage, mergeIncident } from './commands/triage.js';
import { updateIncident } from './commands/update-incident.js';
import { toCsv } from './incidents.csv.js';
import {
  countIncidents,
  exportIncidents,
  findSimilarIncidents,
  getVisibleIncident,
  incidentDetail,
  listIncidents,
} from './incidents.service.js';
import { IncidentParams, viewerOf } from './route-helpers.js';

const tags = ['incidents'];

/** The incidents themselves: list, search, declare, show, edit, move through the lifecycle, triage. */
export function incidentRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'List incidents',
        description: 'Newest first. Private incidents appear only to their participants and admins.',
        querystring: IncidentListQuery,
        response: { 200: pageOf(IncidentSummary) },
      },
      config: { access: 'viewer' },
    },
    async (request) => listIncidents(ctx, viewerOf(request), request.query),
  );

  app.get(
    '/incidents/counts',
    {
      schema: { tags, summary: 'Count incidents by status and severity', response: { 200: IncidentCounts } },
      config: { access: 'viewer' },
    },
    async (request) => countIncidents(ctx, viewerOf(request)),
  );

  app.get(
    '/incidents/export',
    {
      schema: {
        tags,
        summary: 'Export incidents as CSV',
        description: 'Same filters as the list; every matching incident you may see, newest first.',
        querystring: IncidentListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const chunks = await exportIncidents(ctx, viewerOf(request), { ...request.query, limit: 500 });
      reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="incidents-${new Date(ctx.clock.now()).toISOString().slice(0, 10)}.csv"`,
        );
      return reply.send(Readable.from(toCsv(chunks)));
    },
  );

  app.get(
    '/incidents/similar',
    {
      schema: {
        tags,
        summary: 'Find similar past incidents',
        description: 'Full-text search over titles, summaries and postmortems; best match first.',
        querystring: SimilarQuery,
        response: { 200: z.object({ items: z.array(SimilarIncident) }) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({
      items: await findSimilarIncidents(ctx, viewerOf(request), {
        text: request.query.q,
        limit: request.query.limit,
        excludeId: request.query.exclude,
      }),
    }),
  );

  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: 'Declare an incident',
        description:
          'You become commander unless `commanderId` names someone else. Answers with similar past incidents.',
        body: DeclareIncidentInput,
        response: { 201: DeclaredIncident },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => reply.code(201).send(await declareIncident(ctx, viewerOf(request), request.body)),
  );

  app.post(
    '/incidents/reports',
    {
      schema: {
        tags,
        summary: 'Report a problem for triage',
        description: 'E.g. from customer support. Lands in `triage`, routed to the team owning the affected service.',
        body: ReportIncidentInput,
        response: { 201: IncidentDetail },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => reply.code(201).send(await reportIncident(ctx, viewerOf(request), request.body)),
  );

  app.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Show an incident',
        description: 'With roles, the newest timeline entries, decisions, status updates and the next update due.',
        params: IncidentParams,
        response: { 200: IncidentDetail },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const viewer = viewerOf(request);
      return incidentDetail(ctx, await getVisibleIncident(ctx, viewer, request.params.id), viewer);
    },
  );

  app.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Edit an incident',
        description: 'Send the `version` you read; if someone changed it since, the answer is 409 `stale_version`.',
        params: IncidentParams,
        body: UpdateIncidentInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => updateIncident(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/status',
    {
      schema: {
        tags,
        summary: 'Move an incident to another status',
        description: 'An illegal move answers 409 `illegal_transition` with `allowed`: the legal next states.',
        params: IncidentParams,
        body: ChangeStatusInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => changeStatus(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/severity',
    {
      schema: {
        tags,
        summary: 'Change the severity',
        params: IncidentParams,
        body: ChangeSeverityInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => changeSeverity(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/triage/accept',
    {
      schema: {
        tags,
        summary: 'Accept a triage report as an incident',
        params: IncidentParams,
        body: AcceptTriageInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => acceptTriage(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/triage/decline',
    {
      schema: {
        tags,
        summary: 'Decline a triage report',
        params: IncidentParams,
        body: DeclineTriageInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => declineTriage(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.post(
    '/incidents/:id/triage/merge',
    {
      schema: {
        tags,
        summary: 'Merge into an open incident',
        description: 'For a triage report or a duplicate incident.',
        params: IncidentParams,
        body: MergeIncidentInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => mergeIncident(ctx, viewerOf(request), request.params.id, request.body),
  );
}
