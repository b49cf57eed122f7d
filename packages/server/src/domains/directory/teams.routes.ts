import { CreateTeamInput, Id, PageQuery, pageOf, SetMemberInput, Team, UpdateTeamInput } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { createTeam } from './commands/create-team.js';
import { deleteTeam } from './commands/delete-team.js';
import { removeTeamMember } from './commands/remove-team-member.js';
import { setTeamMember } from './commands/set-team-member.js';
import { updateTeam } from './commands/update-team.js';
import { getTeamById, teamViews } from './directory.service.js';
import { actorOf, IdParams, NoContent } from './route-helpers.js';
import { listTeams } from './teams.repo.js';

const tags = ['teams'];
const MemberParams = z.object({ id: Id.describe('Team id'), userId: Id.describe('Person id') });

export function teamRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/teams',
    {
      schema: { tags, summary: 'List teams', querystring: PageQuery, response: { 200: pageOf(Team) } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const page = await listTeams(ctx.db, request.query);
      return { items: await teamViews(ctx.db, page.items), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/teams',
    {
      schema: { tags, summary: 'Create a team', body: CreateTeamInput, response: { 201: Team } },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createTeam(ctx, request.body, actorOf(request))),
  );

  app.get(
    '/teams/:id',
    {
      schema: { tags, summary: 'Get a team with its members', params: IdParams, response: { 200: Team } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const team = await getTeamById(ctx, request.params.id);
      if (!team) throw notFound('team', request.params.id);
      return team;
    },
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        tags,
        summary: 'Change a team (admins and team managers)',
        params: IdParams,
        body: UpdateTeamInput,
        response: { 200: Team },
      },
      config: { access: 'responder' },
    },
    async (request) => updateTeam(ctx, request.params.id, request.body, actorOf(request)),
  );

  app.delete(
    '/teams/:id',
    {
      schema: { tags, summary: 'Delete a team', params: IdParams, response: { 204: NoContent } },
      config: { access: 'admin' },
    },
    async (request, reply) => {
      await deleteTeam(ctx, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Add a member or change their role (admins and team managers)',
        params: MemberParams,
        body: SetMemberInput.nullish().describe('Optional; the role defaults to member'),
        response: { 200: Team },
      },
      config: { access: 'responder' },
    },
    async (request) =>
      setTeamMember(ctx, request.params.id, request.params.userId, request.body ?? {}, actorOf(request)),
  );

  app.delete(
    '/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member (admins and team managers)',
        params: MemberParams,
        response: { 204: NoContent },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await removeTeamMember(ctx, request.params.id, request.params.userId, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
