import {
  EscalationPolicy,
  EscalationPolicyInput,
  EscalationPolicySaved,
  Id,
  PageQuery,
  pageOf,
  ServicePolicy,
  ServicePolicyInput,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { createEscalationPolicy } from './commands/create-escalation-policy.js';
import { deleteEscalationPolicy } from './commands/delete-escalation-policy.js';
import { setServiceEscalationPolicy } from './commands/set-service-escalation-policy.js';
import { updateEscalationPolicy } from './commands/update-escalation-policy.js';
import { getPolicy, listLevels, listPolicies, listServiceIdsByPolicy, type PolicyRow } from './escalation.repo.js';
import { policyIdOfService } from './escalation.service.js';
import { presentPolicy, targetNames } from './oncall.presenter.js';
import { actorOf, NoContent } from './route-helpers.js';

const tags = ['escalation policies'];
const IdParams = z.object({ id: Id });
const ServiceParams = z.object({ serviceId: Id });
const PolicyListQuery = PageQuery.extend({ team: Id.optional().describe('Only policies of this team') });

export function escalationRoutes(app: App, ctx: AppContext): void {
  async function present(rows: PolicyRow[]) {
    const ids = rows.map((r) => r.id);
    const [levels, services] = await Promise.all([listLevels(ctx.db, ids), listServiceIdsByPolicy(ctx.db, ids)]);
    const names = await targetNames(
      ctx.db,
      [...levels.values()].flat().flatMap((l) => l.targets),
    );
    return rows.map((r) => presentPolicy(r, levels.get(r.id) ?? [], services.get(r.id) ?? [], names));
  }
  async function presentOne(id: string) {
    const row = await getPolicy(ctx.db, id);
    if (!row) throw notFound('escalation policy', id);
    return (await present([row]))[0]!;
  }

  app.get(
    '/escalation-policies',
    {
      schema: {
        tags,
        summary: 'List escalation policies',
        querystring: PolicyListQuery,
        response: { 200: pageOf(EscalationPolicy) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { team, limit, cursor } = request.query;
      const rows = await listPolicies(ctx.db, { teamId: team, after: cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { items: await present(page), nextCursor: rows.length > limit ? (page.at(-1)?.name ?? null) : null };
    },
  );

  app.post(
    '/escalation-policies',
    {
      schema: {
        tags,
        summary: 'Create an escalation policy; answers warnings about unreachable targets',
        body: EscalationPolicyInput,
        response: { 201: EscalationPolicySaved },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const { id, warnings } = await createEscalationPolicy(ctx, actorOf(request), request.body);
      return reply.code(201).send({ policy: await presentOne(id), warnings });
    },
  );

  app.get(
    '/escalation-policies/:id',
    {
      schema: { tags, summary: 'Get an escalation policy', params: IdParams, response: { 200: EscalationPolicy } },
      config: { access: 'viewer' },
    },
    async (request) => presentOne(request.params.id),
  );

  app.put(
    '/escalation-policies/:id',
    {
      schema: {
        tags,
        summary: 'Replace an escalation policy; answers warnings about unreachable targets',
        params: IdParams,
        body: EscalationPolicyInput,
        response: { 200: EscalationPolicySaved },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      const { warnings } = await updateEscalationPolicy(ctx, actorOf(request), request.params.id, request.body);
      return { policy: await presentOne(request.params.id), warnings };
    },
  );

  app.delete(
    '/escalation-policies/:id',
    {
      schema: { tags, summary: 'Delete an escalation policy', params: IdParams, response: { 204: NoContent } },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await deleteEscalationPolicy(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/escalation-policies/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Which policy a service pages through',
        params: ServiceParams,
        response: { 200: ServicePolicy },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const service = await ctx.db
        .selectFrom('services')
        .select('id')
        .where('id', '=', request.params.serviceId)
        .executeTakeFirst();
      if (!service) throw notFound('service', request.params.serviceId);
      return { serviceId: service.id, policyId: await policyIdOfService(ctx, service.id) };
    },
  );

  app.put(
    '/escalation-policies/services/:serviceId',
    {
      schema: {
        tags,
        summary: 'Point a service at an escalation policy (or none)',
        params: ServiceParams,
        body: ServicePolicyInput,
        response: { 200: ServicePolicy },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await setServiceEscalationPolicy(ctx, actorOf(request), request.params.serviceId, request.body.policyId);
      return { serviceId: request.params.serviceId, policyId: request.body.policyId };
    },
  );
}
