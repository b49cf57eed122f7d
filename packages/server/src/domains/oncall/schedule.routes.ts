import {
  CalendarFeedUrl,
  CreateOverrideInput,
  CreateScheduleInput,
  GapsAnswer,
  Id,
  OverrideCreated,
  ProposeSwapInput,
  pageOf,
  Schedule,
  ScheduleLayerInput,
  ScheduleListQuery,
  ScheduleOverride,
  ScheduleRangeQuery,
  ShiftSwap,
  ShiftsAnswer,
  ShiftsQuery,
  TakeOverShiftInput,
  UpdateScheduleInput,
  UpdateScheduleLayerInput,
} from '@firebreak/shared';
import { z } from 'zod';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { calendarUrl } from './calendar.routes.js';
import { addScheduleLayer } from './commands/add-schedule-layer.js';
import { answerShiftSwap } from './commands/answer-shift-swap.js';
import { cancelOverride } from './commands/cancel-override.js';
import { createCalendarFeed } from './commands/create-calendar-feed.js';
import { createOverride } from './commands/create-override.js';
import { createSchedule } from './commands/create-schedule.js';
import { deleteSchedule } from './commands/delete-schedule.js';
import { deleteScheduleLayer } from './commands/delete-schedule-layer.js';
import { proposeShiftSwap } from './commands/propose-shift-swap.js';
import { takeOverShift } from './commands/take-over-shift.js';
import { updateSchedule } from './commands/update-schedule.js';
import { updateScheduleLayer } from './commands/update-schedule-layer.js';
import { assertCanManage } from './oncall.policy.js';
import { presentOverride, presentSchedule, presentShift, presentSwap } from './oncall.presenter.js';
import { actorOf, NoContent, parseRange } from './route-helpers.js';
import { coverageGaps } from './schedule.engine.js';
import {
  getSchedule,
  listLayers,
  listOverrides,
  listSchedules,
  listSwaps,
  type OverrideRow,
  userNames,
} from './schedule.repo.js';
import { loadSchedule, resolveLoaded } from './schedule.service.js';

const tags = ['schedules'];
const IdParams = z.object({ id: Id });
const LayerParams = z.object({ id: Id, layerId: Id });
const OverrideParams = z.object({ id: Id, overrideId: Id });
const SwapParams = z.object({ id: Id, swapId: Id });
const SwapAnswerBody = z.strictObject({
  answer: z.enum(['accept', 'decline', 'cancel']).describe('accept/decline: the person asked; cancel: the proposer'),
});

export function scheduleRoutes(app: App, ctx: AppContext): void {
  async function scheduleAnswer(id: string) {
    const row = await getSchedule(ctx.db, id);
    if (!row) throw notFound('schedule', id);
    return presentSchedule(row, await listLayers(ctx.db, [id]));
  }

  async function overrideAnswer(result: { override: OverrideRow; replaced: OverrideRow[] }) {
    const rows = [result.override, ...result.replaced];
    const names = await userNames(
      ctx.db,
      rows.flatMap((o) => [o.user_id, o.replaced_user_id ?? o.user_id]),
    );
    return {
      override: presentOverride(result.override, names),
      replaced: result.replaced.map((o) => presentOverride(o, names)),
    };
  }

  app.get(
    '/schedules',
    {
      schema: { tags, summary: 'List schedules', querystring: ScheduleListQuery, response: { 200: pageOf(Schedule) } },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { team, limit, cursor } = request.query;
      const rows = await listSchedules(ctx.db, { teamId: team, after: cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const layers = await listLayers(
        ctx.db,
        page.map((r) => r.id),
      );
      return {
        items: page.map((r) => presentSchedule(r, layers)),
        nextCursor: rows.length > limit ? (page.at(-1)?.name ?? null) : null,
      };
    },
  );

  app.post(
    '/schedules',
    {
      schema: { tags, summary: 'Create a schedule', body: CreateScheduleInput, response: { 201: Schedule } },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const id = await createSchedule(ctx, actorOf(request), request.body);
      return reply.code(201).send(await scheduleAnswer(id));
    },
  );

  app.get(
    '/schedules/:id',
    {
      schema: { tags, summary: 'Get a schedule with its layers', params: IdParams, response: { 200: Schedule } },
      config: { access: 'viewer' },
    },
    async (request) => scheduleAnswer(request.params.id),
  );

  app.patch(
    '/schedules/:id',
    {
      schema: {
        tags,
        summary: 'Change a schedule',
        params: IdParams,
        body: UpdateScheduleInput,
        response: { 200: Schedule },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await updateSchedule(ctx, actorOf(request), request.params.id, request.body);
      return scheduleAnswer(request.params.id);
    },
  );

  app.delete(
    '/schedules/:id',
    {
      schema: { tags, summary: 'Delete a schedule', params: IdParams, response: { 204: NoContent } },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await deleteSchedule(ctx, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/schedules/:id/layers',
    {
      schema: {
        tags,
        summary: 'Add a layer on top',
        params: IdParams,
        body: ScheduleLayerInput,
        response: { 201: Schedule },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await addScheduleLayer(ctx, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(await scheduleAnswer(request.params.id));
    },
  );

  app.patch(
    '/schedules/:id/layers/:layerId',
    {
      schema: {
        tags,
        summary: 'Change a layer',
        params: LayerParams,
        body: UpdateScheduleLayerInput,
        response: { 200: Schedule },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await updateScheduleLayer(ctx, actorOf(request), request.params.id, request.params.layerId, request.body);
      return scheduleAnswer(request.params.id);
    },
  );

  app.delete(
    '/schedules/:id/layers/:layerId',
    {
      schema: { tags, summary: 'Remove a layer', params: LayerParams, response: { 200: Schedule } },
      config: { access: 'responder' },
    },
    async (request) => {
      await deleteScheduleLayer(ctx, actorOf(request), request.params.id, request.params.layerId);
      return scheduleAnswer(request.params.id);
    },
  );

  app.get(
    '/schedules/:id/shifts',
    {
      schema: {
        tags,
        summary: 'Final shifts over a range; with layers=true also each layer’s shifts and the overrides',
        params: IdParams,
        querystring: ShiftsQuery,
        response: { 200: ShiftsAnswer },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { from, to } = parseRange(request.query, ctx.clock.now());
      const loaded = await loadSchedule(ctx, request.params.id, from, to);
      if (!loaded) throw notFound('schedule', request.params.id);
      const resolved = resolveLoaded(loaded, from, to);
      const layerShifts = [...resolved.layers.values()].flat();
      const names = await userNames(ctx.db, [
        ...resolved.final.map((s) => s.userId),
        ...(request.query.layers ? layerShifts.map((s) => s.userId) : []),
        ...loaded.overrides.flatMap((o) => [o.user_id, o.replaced_user_id ?? o.user_id]),
      ]);
      const answer: ShiftsAnswer = {
        scheduleId: loaded.schedule.id,
        timeZone: loaded.schedule.time_zone,
        from: toIso(from),
        to: toIso(to),
        final: resolved.final.map((s) => presentShift(s, names)),
      };
      if (request.query.layers) {
        answer.layers = [...loaded.layers]
          .sort((a, b) => b.position - a.position)
          .map((l) => ({
            layerId: l.id,
            name: l.name ?? '',
            position: l.position,
            shifts: (resolved.layers.get(l.id) ?? []).map((s) => presentShift(s, names)),
          }));
        answer.overrides = loaded.overrides.map((o) => presentOverride(o, names));
      }
      return answer;
    },
  );

  app.get(
    '/schedules/:id/gaps',
    {
      schema: {
        tags,
        summary: 'Times with nobody on call (default: the next 14 days)',
        params: IdParams,
        querystring: ScheduleRangeQuery,
        response: { 200: GapsAnswer },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { from, to } = parseRange(request.query, ctx.clock.now());
      const loaded = await loadSchedule(ctx, request.params.id, from, to);
      if (!loaded) throw notFound('schedule', request.params.id);
      const gaps = coverageGaps(resolveLoaded(loaded, from, to).final, from, to);
      return {
        scheduleId: loaded.schedule.id,
        name: loaded.schedule.name,
        from: toIso(from),
        to: toIso(to),
        gaps: gaps.map((g) => ({ start: toIso(g.start), end: toIso(g.end) })),
      };
    },
  );

  app.get(
    '/schedules/:id/overrides',
    {
      schema: {
        tags,
        summary: 'Active overrides touching a range',
        params: IdParams,
        querystring: ScheduleRangeQuery,
        response: { 200: pageOf(ScheduleOverride) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { from, to } = parseRange(request.query, ctx.clock.now());
      if (!(await getSchedule(ctx.db, request.params.id))) throw notFound('schedule', request.params.id);
      const rows = await listOverrides(ctx.db, [request.params.id], from, to);
      const names = await userNames(
        ctx.db,
        rows.flatMap((o) => [o.user_id, o.replaced_user_id ?? o.user_id]),
      );
      return { items: rows.map((o) => presentOverride(o, names)), nextCursor: null };
    },
  );

  app.post(
    '/schedules/:id/overrides',
    {
      schema: {
        tags,
        summary: 'Add an override (one person covers a range); lists the older overrides it wins over',
        params: IdParams,
        body: CreateOverrideInput,
        response: { 201: OverrideCreated },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const result = await createOverride(ctx, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(await overrideAnswer(result));
    },
  );

  app.delete(
    '/schedules/:id/overrides/:overrideId',
    {
      schema: {
        tags,
        summary: 'Cancel an override (kept as a record)',
        params: OverrideParams,
        response: { 204: NoContent },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      await cancelOverride(ctx, actorOf(request), request.params.id, request.params.overrideId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/schedules/:id/take-over',
    {
      schema: {
        tags,
        summary: 'Take over now: cover the rest of the current on-call shift',
        params: IdParams,
        body: TakeOverShiftInput,
        response: { 201: OverrideCreated },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const result = await takeOverShift(ctx, actorOf(request), request.params.id, request.body.reason);
      return reply.code(201).send(await overrideAnswer(result));
    },
  );

  app.get(
    '/schedules/:id/swaps',
    {
      schema: {
        tags,
        summary: 'Swap proposals and their answers',
        params: IdParams,
        response: { 200: pageOf(ShiftSwap) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const rows = await listSwaps(ctx.db, request.params.id);
      const names = await userNames(
        ctx.db,
        rows.flatMap((s) => [s.proposed_by, s.counterpart_id]),
      );
      return { items: rows.map((s) => presentSwap(s, names)), nextCursor: null };
    },
  );

  app.post(
    '/schedules/:id/swaps',
    {
      schema: {
        tags,
        summary: 'Propose swapping one of your shifts for someone else’s',
        params: IdParams,
        body: ProposeSwapInput,
        response: { 201: ShiftSwap },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const id = await proposeShiftSwap(ctx, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(await swapAnswer(id, request.params.id));
    },
  );

  app.post(
    '/schedules/:id/swaps/:swapId/answer',
    {
      schema: {
        tags,
        summary: 'Accept, decline or cancel a swap',
        params: SwapParams,
        body: SwapAnswerBody,
        response: { 200: ShiftSwap },
      },
      config: { access: 'responder' },
    },
    async (request) => {
      await answerShiftSwap(ctx, actorOf(request), request.params.id, request.params.swapId, request.body.answer);
      return swapAnswer(request.params.swapId, request.params.id);
    },
  );

  async function swapAnswer(swapId: string, scheduleId: string) {
    const row = (await listSwaps(ctx.db, scheduleId)).find((s) => s.id === swapId);
    if (!row) throw notFound('swap', swapId);
    return presentSwap(row, await userNames(ctx.db, [row.proposed_by, row.counterpart_id]));
  }

  app.post(
    '/schedules/:id/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Create the secret iCalendar URL of the schedule (revokes the previous one)',
        params: IdParams,
        response: { 201: CalendarFeedUrl },
      },
      config: { access: 'responder' },
    },
    async (request, reply) => {
      const schedule = await getSchedule(ctx.db, request.params.id);
      if (!schedule) throw notFound('schedule', request.params.id);
      await assertCanManage(ctx, actorOf(request), schedule.team_id, "this schedule's calendar feed");
      const token = await createCalendarFeed(ctx, actorOf(request).userId, { kind: 'schedule', id: schedule.id });
      return reply.code(201).send({ url: calendarUrl(ctx, 'schedule', schedule.id, token) });
    },
  );
}
