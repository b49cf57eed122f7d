import { Id } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { constantTimeEqual, hashSecret } from '../../core/ids.js';
import type { App } from '../../http/app.js';
import { type CalendarEvent, renderCalendar } from './calendar.ical.js';
import { onCallStretches } from './schedule.engine.js';
import { loadSchedule, loadSchedules, resolveLoaded } from './schedule.service.js';
import { DAY_MS } from './zone-time.js';

// Secret-URL iCalendar feeds, for a schedule and for a person. The URL carries the subject id and a
// 192-bit token; the token's hash is compared in constant time. Any mismatch answers the same 404.

const FEED_PAST_MS = 14 * DAY_MS;
const FEED_FUTURE_MS = 90 * DAY_MS;
const PATHS = { schedule: 'schedules', user: 'people' } as const;

export function calendarUrl(ctx: AppContext, kind: 'schedule' | 'user', id: string, token: string): string {
  return `${ctx.config.publicUrl}/calendars/${PATHS[kind]}/${id}/${token}.ics`;
}

const FeedParams = z.object({ id: Id, token: z.string().min(1).max(200) });

async function checkToken(ctx: AppContext, kind: 'schedule' | 'user', id: string, token: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('oncall_calendar_feeds')
    .select('token_hash')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .executeTakeFirst();
  const given = hashSecret(token.replace(/\.ics$/, ''));
  // Compare even without a row, so a missing feed takes as long as a wrong token.
  const ok = constantTimeEqual(given, row?.token_hash ?? '0'.repeat(64));
  if (!row || !ok) throw notFound('calendar feed');
}

export function calendarRoutes(app: App, ctx: AppContext): void {
  const schema = { hide: true, params: FeedParams };

  app.get('/calendars/schedules/:id/:token', { schema, config: { access: 'public' } }, async (request, reply) => {
    const { id, token } = request.params;
    await checkToken(ctx, 'schedule', id, token);
    const now = ctx.clock.now();
    const from = now - FEED_PAST_MS;
    const to = now + FEED_FUTURE_MS;
    const loaded = await loadSchedule(ctx, id, from, to);
    if (!loaded) throw notFound('calendar feed');
    const stretches = onCallStretches(resolveLoaded(loaded, from, to).final);
    const names = await namesOf(
      ctx,
      stretches.map((s) => s.userId),
    );
    const events: CalendarEvent[] = stretches.map((s) => ({
      uid: `${id}-${s.start}-${s.userId}@firebreak`,
      start: s.start,
      end: s.end,
      summary: `On call: ${names.get(s.userId) ?? s.userId}`,
      description: `${names.get(s.userId) ?? s.userId} is on call for ${loaded.schedule.name}.`,
    }));
    return sendCalendar(reply, renderCalendar(loaded.schedule.name, loaded.schedule.time_zone, events));
  });

  app.get('/calendars/people/:id/:token', { schema, config: { access: 'public' } }, async (request, reply) => {
    const { id, token } = request.params;
    await checkToken(ctx, 'user', id, token);
    const user = await ctx.db
      .selectFrom('users')
      .select(['id', 'name', 'time_zone'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!user) throw notFound('calendar feed');
    const now = ctx.clock.now();
    const from = now - FEED_PAST_MS;
    const to = now + FEED_FUTURE_MS;
    const events: CalendarEvent[] = [];
    const scheduleIds = await schedulesMentioning(ctx, id, from);
    const all = await loadSchedules(ctx, scheduleIds, from, to);
    for (const scheduleId of scheduleIds) {
      const loaded = all.get(scheduleId);
      if (!loaded) continue;
      for (const s of onCallStretches(resolveLoaded(loaded, from, to).final)) {
        if (s.userId !== id) continue;
        events.push({
          uid: `${scheduleId}-${s.start}-${id}@firebreak`,
          start: s.start,
          end: s.end,
          summary: `On call: ${loaded.schedule.name}`,
          description: `You are on call for ${loaded.schedule.name}.`,
        });
      }
    }
    return sendCalendar(reply, renderCalendar(`On call: ${user.name}`, user.time_zone, events));
  });
}

function sendCalendar(reply: import('fastify').FastifyReply, body: string) {
  return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
}

async function namesOf(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Schedules where the person is in a rotation or in an override. */
async function schedulesMentioning(ctx: AppContext, userId: string, from: number): Promise<string[]> {
  const [layers, overrides] = await Promise.all([
    ctx.db
      .selectFrom('schedule_layers')
      .select(['schedule_id', 'participants'])
      .where('participants', 'like', `%${userId}%`)
      .execute(),
    ctx.db
      .selectFrom('schedule_overrides')
      .select('schedule_id')
      .where('user_id', '=', userId)
      .where('cancelled_at', 'is', null)
      .where('end_at', '>', from)
      .execute(),
  ]);
  return [
    ...new Set([
      ...layers.filter((l) => (JSON.parse(l.participants) as string[]).includes(userId)).map((l) => l.schedule_id),
      ...overrides.map((o) => o.schedule_id),
    ]),
  ];
}
