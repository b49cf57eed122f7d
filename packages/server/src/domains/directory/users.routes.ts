import {
  ContactMethod,
  ContactMethodInput,
  CreateUserInput,
  Id,
  PageQuery,
  pageOf,
  SignInLink,
  UpdateUserInput,
  User,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { addContactMethod } from './commands/add-contact-method.js';
import { createUser } from './commands/create-user.js';
import { issueSignInLinkWithExpiry } from './commands/issue-sign-in-link.js';
import { removeContactMethod } from './commands/remove-contact-method.js';
import { updateUser } from './commands/update-user.js';
import { getUserById, userViews } from './directory.service.js';
import { actorOf, IdParams, NoContent } from './route-helpers.js';
import { listUsers } from './users.repo.js';

const tags = ['people'];

export function userRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/users',
    {
      schema: { tags, summary: 'List people', querystring: PageQuery, response: { 200: pageOf(User) } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const page = await listUsers(ctx.db, request.query);
      return { items: await userViews(ctx.db, page.items), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/users',
    {
      schema: { tags, summary: 'Add a person', body: CreateUserInput, response: { 201: User } },
      config: { access: 'admin' },
    },
    async (request, reply) => reply.code(201).send(await createUser(ctx, request.body, actorOf(request))),
  );

  app.get(
    '/users/:id',
    {
      schema: { tags, summary: 'Get a person', params: IdParams, response: { 200: User } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const user = await getUserById(ctx, request.params.id);
      if (!user) throw notFound('user', request.params.id);
      return user;
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a person',
        description: 'Anyone may change their own name and time zone; admins change email, role and activation.',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: User },
      },
      config: { access: 'viewer' },
    },
    async (request) => updateUser(ctx, request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/users/:id/contact-methods',
    {
      schema: {
        tags,
        summary: "A person's contact methods",
        params: IdParams,
        response: { 200: pageOf(ContactMethod) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const user = await getUserById(ctx, request.params.id);
      if (!user) throw notFound('user', request.params.id);
      // A person has a handful of methods: one page, always.
      return { items: user.contactMethods, nextCursor: null };
    },
  );

  app.post(
    '/users/:id/contact-methods',
    {
      schema: {
        tags,
        summary: 'Add a contact method',
        params: IdParams,
        body: ContactMethodInput,
        response: { 201: ContactMethod },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) =>
      reply.code(201).send(await addContactMethod(ctx, request.params.id, request.body, actorOf(request))),
  );

  app.delete(
    '/users/:id/contact-methods/:methodId',
    {
      schema: {
        tags,
        summary: 'Remove a contact method',
        params: z.object({ id: Id, methodId: Id }),
        response: { 204: NoContent },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await removeContactMethod(ctx, request.params.id, request.params.methodId, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:id/sign-in-link',
    {
      schema: {
        tags,
        summary: 'Issue a one-time sign-in link',
        description: 'For an invitation or a forgotten password; valid 24 hours, once.',
        params: IdParams,
        response: { 201: SignInLink },
      },
      config: { access: 'admin' },
    },
    async (request, reply) =>
      reply.code(201).send(await issueSignInLinkWithExpiry(ctx, request.params.id, actorOf(request))),
  );
}
