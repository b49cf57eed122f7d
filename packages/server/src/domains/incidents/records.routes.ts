import {
  AddNoteInput,
  AddSubscriberInput,
  AssignRoleInput,
  Decision,
  Id,
  IncidentDetail,
  PostStatusUpdateInput,
  pageOf,
  RecordDecisionInput,
  RetractTimelineEntryInput,
  RoleAssignment,
  StatusUpdate,
  Subscriber,
  TimelineEntry,
  TimelineQuery,
} from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { assignRole, unassignRole } from './commands/assign-role.js';
import { postStatusUpdate } from './commands/post-status-update.js';
import { recordDecision } from './commands/record-decision.js';
import { retractTimelineEntry } from './commands/retract-timeline-entry.js';
import { addSubscriber, removeSubscriber } from './commands/subscribers.js';
import { addNote, pinEntry } from './commands/timeline.js';
import {
  getTimeline,
  getVisibleIncident,
  listDecisions,
  listSubscribers,
  listUpdates,
  presentRoles,
} from './incidents.service.js';
import { personNames } from './lookups.js';
import { activeRoles } from './roles.repo.js';
import { IncidentParams, NoContent, viewerOf } from './route-helpers.js';

const tags = ['incidents'];
const EntryParams = IncidentParams.extend({ entryId: Id.describe('Timeline entry id') });
const RoleParams = IncidentParams.extend({ role: z.string().max(40).describe('Role key'), userId: Id });
const SubscriberParams = IncidentParams.extend({ userId: Id });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** What hangs off one incident: timeline and notes, roles, decisions, status updates, subscribers. */
export function recordRoutes(app: App, ctx: AppContext): void {
  const visible = (request: { params: { id: string } } & Parameters<typeof viewerOf>[0]) =>
    getVisibleIncident(ctx, viewerOf(request), request.params.id);

  app.get(
    '/incidents/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Page through the timeline',
        description:
          'Keyset pages, newest first (`order=desc`) or oldest first (`order=asc`); filter by kind or pinned. Retracted notes are left out unless `includeRetracted=true`.',
        params: IncidentParams,
        querystring: TimelineQuery,
        response: { 200: pageOf(TimelineEntry) },
      },
      config: { access: 'viewer' },
    },
    async (request) => getTimeline(ctx, (await visible(request)).id, request.query),
  );

  app.post(
    '/incidents/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note to the timeline',
        params: IncidentParams,
        body: AddNoteInput,
        response: { 201: TimelineEntry },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(201).send(await addNote(ctx, viewerOf(request), request.params.id, request.body)),
  );

  for (const [method, pinned] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/incidents/:id/timeline/:entryId/pin',
      {
        schema: {
          tags,
          summary: pinned ? 'Pin a timeline entry' : 'Unpin a timeline entry',
          params: EntryParams,
          response: { 200: TimelineEntry },
        },
        config: { access: 'responder' },
      },
      async (request) => pinEntry(ctx, viewerOf(request), request.params.id, request.params.entryId, pinned),
    );
  }

  app.post(
    '/incidents/:id/timeline/:entryId/retract',
    {
      schema: {
        tags,
        summary: 'Retract a note',
        description:
          'Notes only; by their author, the commander or an admin. The note is kept (listed with `includeRetracted=true`) and a `note_retracted` entry records who and why.',
        params: EntryParams,
        body: RetractTimelineEntryInput,
        response: { 200: TimelineEntry },
      },
      config: { access: 'responder' },
    },
    async (request) =>
      retractTimelineEntry(ctx, viewerOf(request), request.params.id, request.params.entryId, request.body),
  );

  app.get(
    '/incidents/:id/roles',
    {
      schema: {
        tags,
        summary: 'Current role holders',
        params: IncidentParams,
        response: { 200: items(RoleAssignment) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const roles = await activeRoles(ctx.db, (await visible(request)).id);
      const names = await personNames(
        ctx.db,
        roles.flatMap((r) => [r.user_id, r.assigned_by]),
      );
      return { items: presentRoles(roles, names).roles };
    },
  );

  app.post(
    '/incidents/:id/roles',
    {
      schema: {
        tags,
        summary: 'Assign or hand over a role',
        description: 'Commander or admin only. For single-holder roles the current holder is relieved.',
        params: IncidentParams,
        body: AssignRoleInput,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => assignRole(ctx, viewerOf(request), request.params.id, request.body),
  );

  app.delete(
    '/incidents/:id/roles/:role/:userId',
    {
      schema: {
        tags,
        summary: 'Relieve someone of a role',
        description: 'The commander cannot be removed, only handed over.',
        params: RoleParams,
        response: { 200: IncidentDetail },
      },
      config: { access: 'responder' },
    },
    async (request) =>
      unassignRole(ctx, viewerOf(request), request.params.id, request.params.role, request.params.userId),
  );

  app.get(
    '/incidents/:id/decisions',
    {
      schema: { tags, summary: 'Decision log', params: IncidentParams, response: { 200: items(Decision) } },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listDecisions(ctx, (await visible(request)).id) }),
  );

  app.post(
    '/incidents/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision',
        params: IncidentParams,
        body: RecordDecisionInput,
        response: { 201: Decision },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(201).send(await recordDecision(ctx, viewerOf(request), request.params.id, request.body)),
  );

  app.get(
    '/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: 'Status updates, newest first',
        params: IncidentParams,
        response: { 200: items(StatusUpdate) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listUpdates(ctx, (await visible(request)).id) }),
  );

  app.post(
    '/incidents/:id/updates',
    {
      schema: {
        tags,
        summary: 'Post a status update',
        description:
          "Clears `updateOverdue`; the next update is due at `nextUpdateAt` or after the severity's cadence.",
        params: IncidentParams,
        body: PostStatusUpdateInput,
        response: { 201: StatusUpdate },
      },
      config: { access: 'responder' },
    },
    async (request, reply) =>
      reply.code(201).send(await postStatusUpdate(ctx, viewerOf(request), request.params.id, request.body)),
  );

  app.get(
    '/incidents/:id/subscribers',
    {
      schema: {
        tags,
        summary: 'Who receives stakeholder updates',
        params: IncidentParams,
        response: { 200: items(Subscriber) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listSubscribers(ctx, (await visible(request)).id) }),
  );

  app.post(
    '/incidents/:id/subscribers',
    {
      schema: {
        tags,
        summary: 'Subscribe to stakeholder updates',
        description: 'Yourself by default; subscribing someone else takes a participant or an admin.',
        params: IncidentParams,
        body: AddSubscriberInput,
        response: { 200: items(Subscriber) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      await addSubscriber(ctx, viewerOf(request), request.params.id, request.body);
      return { items: await listSubscribers(ctx, (await visible(request)).id) };
    },
  );

  app.delete(
    '/incidents/:id/subscribers/:userId',
    {
      schema: { tags, summary: 'Unsubscribe', params: SubscriberParams, response: { 204: NoContent } },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      await removeSubscriber(ctx, viewerOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
