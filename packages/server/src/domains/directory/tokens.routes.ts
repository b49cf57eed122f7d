import { ApiToken, CreatedToken, CreateTokenInput, pageOf, TokenListQuery } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { createApiToken } from './commands/create-api-token.js';
import { revokeApiToken } from './commands/revoke-api-token.js';
import { requireRole } from './directory.policy.js';
import { listApiTokens } from './directory.service.js';
import { actorOf, IdParams, NoContent } from './route-helpers.js';

const tags = ['tokens'];

export function tokenRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'List your API tokens (admins: everyone’s with all=true)',
        querystring: TokenListQuery,
        response: { 200: pageOf(ApiToken) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const actor = actorOf(request);
      const { all, ...page } = request.query;
      if (all) requireRole(actor, 'admin', "list everyone's tokens");
      return listApiTokens(ctx, { userId: all ? undefined : actor.userId }, page);
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for yourself',
        description: 'The answer holds the secret; it is shown this once and stored only as a hash.',
        body: CreateTokenInput,
        response: { 201: CreatedToken },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { token, secret } = await createApiToken(ctx, { ...request.body, userId: actor.userId }, actor);
      return reply.code(201).send({ ...token, secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: NoContent } },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
