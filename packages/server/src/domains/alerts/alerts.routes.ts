import {
  Alert,
  AlertDetail,
  AlertGroup,
  AlertGroupDetail,
  AlertGroupListQuery,
  AlertListQuery,
  BulkIdsInput,
  BulkNoiseFeedbackInput,
  BulkResult,
  Id,
  NoiseFeedbackInput,
  PromoteGroupInput,
  pageOf,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { actorOf } from '../directory/route-helpers.js';
import { presentAlert } from './alerts.presenter.js';
import { getAlert } from './alerts.repo.js';
import { alertDetail, alertPage, groupDetail, groupPage, groupView } from './alerts.service.js';
import { type AlertChange, changeAlerts, changeGroups } from './commands/change-alerts.js';
import { markNoise } from './commands/mark-noise.js';
import { promoteGroup } from './commands/promote-group.js';

const tags = ['alerts'];
const IdParams = z.object({ id: Id });
const Promoted = z.object({ group: AlertGroup, incidentId: Id, incidentNumber: z.string().describe('e.g. INC-42') });

const ACTIONS: [string, AlertChange, string][] = [
  ['ack', 'acknowledge', 'Acknowledge'],
  ['resolve', 'resolve', 'Resolve'],
];

export function alertRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary: 'List alerts, newest first',
        querystring: AlertListQuery,
        response: { 200: pageOf(Alert) },
      },
      config: { access: 'viewer' },
    },
    async (request) => alertPage(ctx, request.query),
  );

  app.get(
    '/alerts/:id',
    {
      schema: { tags, summary: 'An alert with its events', params: IdParams, response: { 200: AlertDetail } },
      config: { access: 'viewer' },
    },
    async (request) => alertDetail(ctx, request.params.id),
  );

  for (const [path, change, verb] of ACTIONS) {
    app.post(
      `/alerts/${path}`,
      {
        schema: { tags, summary: `${verb} several alerts`, body: BulkIdsInput, response: { 200: BulkResult } },
        config: { access: 'responder' },
      },
      async (request) => changeAlerts(ctx, request.body.ids, change, actorOf(request)),
    );
    app.post(
      `/alerts/:id/${path}`,
      {
        schema: { tags, summary: `${verb} an alert`, params: IdParams, response: { 200: Alert } },
        config: { access: 'responder' },
      },
      async (request) => {
        await changeAlerts(ctx, [request.params.id], change, actorOf(request));
        return presentAlert((await getAlert(ctx.db, request.params.id))!);
      },
    );
    app.post(
      `/alert-groups/${path}`,
      {
        schema: { tags, summary: `${verb} several alert groups`, body: BulkIdsInput, response: { 200: BulkResult } },
        config: { access: 'responder' },
      },
      async (request) => changeGroups(ctx, request.body.ids, change, actorOf(request)),
    );
    app.post(
      `/alert-groups/:id/${path}`,
      {
        schema: {
          tags,
          summary: `${verb} an alert group and its alerts (its page follows)`,
          params: IdParams,
          response: { 200: AlertGroup },
        },
        config: { access: 'responder' },
      },
      async (request) => {
        await changeGroups(ctx, [request.params.id], change, actorOf(request));
        return groupView(ctx, request.params.id);
      },
    );
  }

  app.post(
    '/alerts/feedback',
    {
      schema: {
        tags,
        summary: 'Mark several alerts useful or noisy',
        body: BulkNoiseFeedbackInput,
        response: { 200: BulkResult },
      },
      config: { access: 'responder' },
    },
    async (request) => markNoise(ctx, request.body.ids, request.body.verdict, actorOf(request)),
  );

  app.post(
    '/alerts/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Mark an alert useful or noisy',
        params: IdParams,
        body: NoiseFeedbackInput,
        response: { 200: Alert },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await markNoise(ctx, [request.params.id], request.body.verdict, actorOf(request));
      return presentAlert((await getAlert(ctx.db, request.params.id))!);
    },
  );

  app.get(
    '/alert-groups',
    {
      schema: {
        tags,
        summary: 'List alert groups (what pages), newest first',
        querystring: AlertGroupListQuery,
        response: { 200: pageOf(AlertGroup) },
      },
      config: { access: 'viewer' },
    },
    async (request) => groupPage(ctx, request.query),
  );

  app.get(
    '/alert-groups/:id',
    {
      schema: {
        tags,
        summary: 'An alert group with its alerts',
        params: IdParams,
        response: { 200: AlertGroupDetail },
      },
      config: { access: 'viewer' },
    },
    async (request) => groupDetail(ctx, request.params.id),
  );

  app.post(
    '/alert-groups/:id/promote',
    {
      schema: {
        tags,
        summary: 'Declare an incident for the group, linked both ways',
        params: IdParams,
        body: PromoteGroupInput,
        response: { 201: Promoted },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { incidentId, number } = await promoteGroup(ctx, request.params.id, request.body, actor);
      return reply
        .code(201)
        .send({ group: await groupView(ctx, request.params.id), incidentId, incidentNumber: number });
    },
  );
}
