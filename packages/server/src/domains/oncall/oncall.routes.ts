import {
  CalendarFeedUrl,
  GapsAnswer,
  Id,
  OnCallAnswer,
  OnCallQuery,
  pageOf,
  ScheduleRangeQuery,
} from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { invalidField } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { calendarUrl } from './calendar.routes.js';
import { createCalendarFeed } from './commands/create-calendar-feed.js';
import { getPolicyWithLevels, policyIdOfService, resolveTargets } from './escalation.service.js';
import { presentOnCall } from './oncall.presenter.js';
import { actorOf, parseRange } from './route-helpers.js';
import { coverageGaps } from './schedule.engine.js';
import { listAllScheduleIds, listSchedules, userNames } from './schedule.repo.js';
import { loadSchedules, onCallAt, resolveLoaded, scheduleIdsOfTeams } from './schedule.service.js';

const tags = ['on-call'];
type Entry = Parameters<typeof presentOnCall>[0];

export function oncallRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/oncall',
    {
      schema: {
        tags,
        summary: 'Who is on call now or at a time, for a service, a team or a schedule (all schedules when none given)',
        querystring: OnCallQuery,
        response: { 200: OnCallAnswer },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { service, team, schedule } = request.query;
      const at = request.query.at ? Date.parse(request.query.at) : ctx.clock.now();
      const entries: Entry[] = [];
      if (service) entries.push(...(await forService(ctx, service, at)));
      const scheduleIds = [
        ...(schedule ? [schedule] : []),
        ...(team ? (await scheduleIdsOfTeams(ctx, [team])).map((s) => s.id) : []),
        ...(!service && !team && !schedule ? (await listAllScheduleIds(ctx.db)).map((s) => s.id) : []),
      ];
      for (const { schedule: s, stretch } of await onCallAt(ctx, scheduleIds, at)) {
        if (!stretch) continue;
        entries.push({
          userId: stretch.userId,
          schedule: { id: s.id, name: s.name },
          policy: null,
          level: null,
          start: stretch.start,
          end: stretch.end,
          overrideId: stretch.overrideId,
        });
      }
      const names = await userNames(
        ctx.db,
        entries.map((e) => e.userId),
      );
      return { at: toIso(at), items: entries.map((e) => presentOnCall(e, names)) };
    },
  );

  app.get(
    '/oncall/gaps',
    {
      schema: {
        tags,
        summary: 'Coverage gaps per schedule (default: the next 14 days)',
        querystring: ScheduleRangeQuery.extend({ team: Id.optional().describe('Only schedules of this team') }),
        response: { 200: pageOf(GapsAnswer) },
      },
      config: { access: 'viewer' },
    },
    async (request) => {
      const { from, to } = parseRange(request.query, ctx.clock.now());
      const schedules = await listSchedules(ctx.db, { teamId: request.query.team, limit: 1000 });
      const items: GapsAnswer[] = [];
      const all = await loadSchedules(
        ctx,
        schedules.map((s) => s.id),
        from,
        to,
      );
      for (const s of schedules) {
        const loaded = all.get(s.id);
        if (!loaded) continue;
        const gaps = coverageGaps(resolveLoaded(loaded, from, to).final, from, to);
        items.push({
          scheduleId: s.id,
          name: s.name,
          from: toIso(from),
          to: toIso(to),
          gaps: gaps.map((g) => ({ start: toIso(g.start), end: toIso(g.end) })),
        });
      }
      return { items, nextCursor: null };
    },
  );

  app.post(
    '/oncall/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Create your personal secret iCalendar URL (revokes the previous one)',
        response: { 201: CalendarFeedUrl },
      },
      config: { access: 'viewer' },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const token = await createCalendarFeed(ctx, actor.userId, { kind: 'user', id: actor.userId });
      return reply.code(201).send({ url: calendarUrl(ctx, 'user', actor.userId, token) });
    },
  );
}

/** Every level of the service's policy with whom it reaches at `at`. */
async function forService(ctx: AppContext, serviceId: string, at: number): Promise<Entry[]> {
  const exists = await ctx.db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst();
  if (!exists) throw invalidField('querystring.service', `no service with id "${serviceId}"`);
  const policyId = await policyIdOfService(ctx, serviceId);
  if (!policyId) return [];
  const entry = await getPolicyWithLevels(ctx, policyId);
  if (!entry) return [];
  const policy = { id: entry.policy.id, name: entry.policy.name };
  const out: Entry[] = [];
  for (const level of entry.levels) {
    for (const r of await resolveTargets(ctx, level.targets, at)) {
      out.push({
        userId: r.userId,
        schedule: r.schedule,
        policy,
        level: level.index,
        start: r.start,
        end: r.end,
        overrideId: r.overrideId,
      });
    }
  }
  return out;
}
