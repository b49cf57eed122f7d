import {
  BlamelessCheckInput,
  BlamelessFinding,
  ChangePostmortemStatusInput,
  ContributingFactorInput,
  CreatePostmortemInput,
  EditPostmortemTimelineInput,
  Id,
  InviteContributorInput,
  PostmortemComment,
  PostmortemCommentInput,
  PostmortemDetail,
  PostmortemExportQuery,
  PostmortemListQuery,
  PostmortemSectionKey,
  PostmortemSummary,
  PostmortemTimelineInput,
  pageOf,
  SavedPostmortemSection,
  SavePostmortemSectionInput,
  UpdatePostmortemInput,
  UpdateWhyChainInput,
  WhyChainInput,
} from '@firebreak/shared';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { addFactor, addWhyChain, deleteFactor, deleteWhyChain, updateWhyChain } from './commands/analysis.js';
import { addComment, inviteContributor, resolveComment } from './commands/collaboration.js';
import { createPostmortem } from './commands/create-postmortem.js';
import { changePostmortemStatus, updatePostmortem } from './commands/edit-postmortem.js';
import { saveSection } from './commands/sections.js';
import { addTimelineEntry, deleteTimelineEntry, editTimelineEntry } from './commands/timeline.js';
import { postmortemHtml, postmortemMarkdown } from './export.js';
import {
  checkText,
  listComments,
  listOverduePostmortems,
  listPostmortems,
  postmortemDetail,
} from './postmortems.service.js';
import { items, PostmortemParams, viewerOf } from './route-helpers.js';

const tags = ['postmortems'];
const SectionParams = PostmortemParams.extend({ key: PostmortemSectionKey });
const EntryParams = PostmortemParams.extend({ entryId: Id.describe('Postmortem timeline entry id') });
const ChainParams = PostmortemParams.extend({ chainId: Id.describe('Why-chain id') });
const FactorParams = PostmortemParams.extend({ factorId: Id.describe('Contributing factor id') });
const CommentParams = PostmortemParams.extend({ commentId: Id.describe('Comment id') });

/** Postmortems: the repository, one postmortem and everything written in it, exports. */
export function postmortemRoutes(app: App, ctx: AppContext): void {
  const detail = (request: FastifyRequest, ref: string) => postmortemDetail(ctx, viewerOf(request), ref);

  app.get(
    '/postmortems',
    {
      schema: {
        tags,
        summary: 'List and search postmortems',
        description:
          'The repository, newest first: filter by status, service, severity, tag or contributing factor; `q` searches published postmortems (full text).',
        querystring: PostmortemListQuery,
        response: { 200: pageOf(PostmortemSummary) },
      },
      config: { access: 'viewer' },
    },
    async (request) => listPostmortems(ctx, viewerOf(request), request.query),
  );

  app.get(
    '/postmortems/overdue',
    {
      schema: {
        tags,
        summary: 'Overdue postmortems',
        description:
          'Drafts past their due date and unpublished postmortems past the publish due date, oldest due first.',
        response: { 200: items(PostmortemSummary) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listOverduePostmortems(ctx, viewerOf(request)) }),
  );

  app.post(
    '/postmortems',
    {
      schema: {
        tags,
        summary: 'Start the postmortem of a resolved incident',
        description:
          'Sections come from the template, pre-filled from the incident; its key timeline entries are copied; everyone involved is invited. 409 if one exists.',
        body: CreatePostmortemInput,
        response: { 201: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const { id } = await createPostmortem(ctx, viewerOf(request), request.body);
      return reply.code(201).send(await detail(request, id));
    },
  );

  app.get(
    '/postmortems/:id',
    {
      schema: {
        tags,
        summary: 'Show a postmortem',
        description:
          'With sections, timeline, five whys, factors, action items, contributors, process figures and blameless suggestions.',
        params: PostmortemParams,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'viewer' },
    },
    async (request) => detail(request, request.params.id),
  );

  app.patch(
    '/postmortems/:id',
    {
      schema: {
        tags,
        summary: 'Change title, owner, review meeting or tags',
        description: 'Send the `version` you read; a stale one is refused with 409 `stale_version`.',
        params: PostmortemParams,
        body: UpdatePostmortemInput,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => detail(request, await updatePostmortem(ctx, viewerOf(request), request.params.id, request.body)),
  );

  app.post(
    '/postmortems/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a postmortem along draft → in_review → published',
        description:
          'Only the owner, the incident commander or an admin publishes. Illegal moves are 409 with `allowed`.',
        params: PostmortemParams,
        body: ChangePostmortemStatusInput,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) =>
      detail(request, await changePostmortemStatus(ctx, viewerOf(request), request.params.id, request.body)),
  );

  app.put(
    '/postmortems/:id/sections/:key',
    {
      schema: {
        tags,
        summary: 'Save a section',
        description:
          'Send the section `version` you started from. If someone saved it since, the answer is 409 `section_conflict` with `yours` and `current` (both texts): nothing is lost. Answers with blameless suggestions, which never block.',
        params: SectionParams,
        body: SavePostmortemSectionInput,
        response: { 200: SavedPostmortemSection },
      },
      config: { access: 'responder' },
    },
    async (request) => saveSection(ctx, viewerOf(request), request.params.id, request.params.key, request.body),
  );

  app.post(
    '/postmortems/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Add a timeline entry to the postmortem',
        description: 'The incident’s own timeline is not changed.',
        params: PostmortemParams,
        body: PostmortemTimelineInput,
        response: { 201: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await addTimelineEntry(ctx, viewerOf(request), request.params.id, request.body);
      return reply.code(201).send(await detail(request, request.params.id));
    },
  );

  app.patch(
    '/postmortems/:id/timeline/:entryId',
    {
      schema: {
        tags,
        summary: 'Edit a postmortem timeline entry',
        description: 'Edits the postmortem’s copy only; the incident’s timeline stays as recorded.',
        params: EntryParams,
        body: EditPostmortemTimelineInput,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await editTimelineEntry(ctx, viewerOf(request), request.params.id, request.params.entryId, request.body);
      return detail(request, request.params.id);
    },
  );

  app.delete(
    '/postmortems/:id/timeline/:entryId',
    {
      schema: {
        tags,
        summary: 'Remove a postmortem timeline entry',
        params: EntryParams,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await deleteTimelineEntry(ctx, viewerOf(request), request.params.id, request.params.entryId);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/postmortems/:id/five-whys',
    {
      schema: {
        tags,
        summary: 'Add a five-whys chain',
        description:
          'From the immediate problem, each step asks why about the answer before; the last answer is the systemic cause.',
        params: PostmortemParams,
        body: WhyChainInput,
        response: { 201: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await addWhyChain(ctx, viewerOf(request), request.params.id, request.body);
      return reply.code(201).send(await detail(request, request.params.id));
    },
  );

  app.put(
    '/postmortems/:id/five-whys/:chainId',
    {
      schema: {
        tags,
        summary: 'Replace a five-whys chain',
        description:
          'Send the chain `version`; a chain saved by someone else since is 409 `why_chain_conflict` with both.',
        params: ChainParams,
        body: UpdateWhyChainInput,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await updateWhyChain(ctx, viewerOf(request), request.params.id, request.params.chainId, request.body);
      return detail(request, request.params.id);
    },
  );

  app.delete(
    '/postmortems/:id/five-whys/:chainId',
    {
      schema: { tags, summary: 'Remove a five-whys chain', params: ChainParams, response: { 200: PostmortemDetail } },
      config: { access: 'responder' },
    },
    async (request) => {
      await deleteWhyChain(ctx, viewerOf(request), request.params.id, request.params.chainId);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/postmortems/:id/factors',
    {
      schema: {
        tags,
        summary: 'Add a contributing factor',
        params: PostmortemParams,
        body: ContributingFactorInput,
        response: { 201: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await addFactor(ctx, viewerOf(request), request.params.id, request.body);
      return reply.code(201).send(await detail(request, request.params.id));
    },
  );

  app.delete(
    '/postmortems/:id/factors/:factorId',
    {
      schema: {
        tags,
        summary: 'Remove a contributing factor',
        params: FactorParams,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await deleteFactor(ctx, viewerOf(request), request.params.id, request.params.factorId);
      return detail(request, request.params.id);
    },
  );

  app.get(
    '/postmortems/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comments on sections',
        params: PostmortemParams,
        response: { 200: items(PostmortemComment) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await listComments(ctx, viewerOf(request), request.params.id) }),
  );

  app.post(
    '/postmortems/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a section',
        params: PostmortemParams,
        body: PostmortemCommentInput,
        response: { 201: items(PostmortemComment) },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await addComment(ctx, viewerOf(request), request.params.id, request.body);
      return reply.code(201).send({ items: await listComments(ctx, viewerOf(request), request.params.id) });
    },
  );

  app.post(
    '/postmortems/:id/comments/:commentId/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a comment',
        params: CommentParams,
        response: { 200: items(PostmortemComment) },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await resolveComment(ctx, viewerOf(request), request.params.id, request.params.commentId);
      return { items: await listComments(ctx, viewerOf(request), request.params.id) };
    },
  );

  app.post(
    '/postmortems/:id/contributors',
    {
      schema: {
        tags,
        summary: 'Invite someone to contribute',
        description: 'Everyone involved in the incident is invited when the postmortem starts; this adds others.',
        params: PostmortemParams,
        body: InviteContributorInput,
        response: { 200: PostmortemDetail },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await inviteContributor(ctx, viewerOf(request), request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/postmortems/:id/blameless-check',
    {
      schema: {
        tags,
        summary: 'Check text for blame',
        description:
          'Finds sentences that attribute fault to a named participant and suggests the systems-focused question to ask instead. Advisory only.',
        params: PostmortemParams,
        body: BlamelessCheckInput,
        response: { 200: items(BlamelessFinding) },
      },
      config: { access: 'viewer' },
    },
    async (request) => ({ items: await checkText(ctx, viewerOf(request), request.params.id, request.body.text) }),
  );

  app.get(
    '/postmortems/:id/export',
    {
      schema: {
        tags,
        summary: 'Export as Markdown or standalone HTML',
        description:
          'HTML is a single page without scripts or external resources; all author text is escaped. With `Accept: application/json` the document comes wrapped as `{ format, filename, content }`.',
        params: PostmortemParams,
        querystring: PostmortemExportQuery,
        produces: ['text/markdown', 'text/html'],
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const pm = await detail(request, request.params.id);
      const zone = ctx.config.orgTimeZone;
      const name = `${pm.incident.number.toLowerCase()}-postmortem`;
      // API clients (the CLI) ask for JSON and get the document wrapped; browsers get the file.
      if (request.headers.accept?.startsWith('application/json')) {
        const html = request.query.format === 'html';
        return reply.send({
          format: request.query.format,
          filename: `${name}.${html ? 'html' : 'md'}`,
          content: html ? postmortemHtml(pm, zone) : postmortemMarkdown(pm, zone),
        });
      }
      if (request.query.format === 'html') {
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
          .header('content-disposition', `attachment; filename="${name}.html"`)
          .send(postmortemHtml(pm, zone));
      }
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.md"`)
        .send(postmortemMarkdown(pm, zone));
    },
  );
}
