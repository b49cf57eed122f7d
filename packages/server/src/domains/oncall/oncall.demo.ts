import { CreateScheduleInput, EscalationPolicyInput } from '@firebreak/shared';
import { DateTime } from 'luxon';
import type { AppContext } from '../../core/context.js';
import { createEscalationPolicy } from './commands/create-escalation-policy.js';
import { createSchedule } from './commands/create-schedule.js';
import { setServiceEscalationPolicy } from './commands/set-service-escalation-policy.js';

// Demo on-call set-up on top of the directory demo's teams: a follow-the-sun schedule (Europe by
// day in Berlin, the Americas the rest of the time) and a weekly rotation with a business-hours
// layer, each with an escalation policy that the team's services page through.

type Member = { id: string; timeZone: string; manager: boolean };

async function teamByName(ctx: AppContext, name: string) {
  const team = await ctx.db.selectFrom('teams').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (!team) return null;
  const members: Member[] = (
    await ctx.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['users.id as id', 'users.time_zone as timeZone', 'team_members.role as role'])
      .where('team_members.team_id', '=', team.id)
      .orderBy('users.name')
      .execute()
  ).map((m) => ({ id: m.id, timeZone: m.timeZone, manager: m.role === 'manager' }));
  return members.length > 0 ? { ...team, members } : null;
}

export async function oncallDemo(ctx: AppContext): Promise<void> {
  // Rotations start on the Monday of the current week, so the demo looks lived-in from the first minute.
  const monday = DateTime.fromMillis(ctx.clock.now(), { zone: 'UTC' }).startOf('week').toISODate()!;
  const seeded: string[] = [];

  const payments = await teamByName(ctx, 'Payments');
  if (payments) {
    const europe = payments.members.filter((m) => m.timeZone.startsWith('Europe/'));
    const americas = payments.members.filter((m) => m.timeZone.startsWith('America/'));
    const ids = (list: Member[]) => (list.length > 0 ? list : payments.members).map((m) => m.id);
    const scheduleId = await createSchedule(
      ctx,
      null,
      CreateScheduleInput.parse({
        name: 'Payments follow-the-sun',
        description: 'Europe covers 08:00–20:00 Berlin time; the Americas cover the rest.',
        teamId: payments.id,
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Americas',
            participants: ids(americas),
            rotation: { unit: 'week', every: 1 },
            handoffTime: '09:00',
            timeZone: 'America/Los_Angeles',
            startDate: monday,
          },
          {
            name: 'Europe daytime',
            participants: ids(europe),
            rotation: { unit: 'day', every: 1 },
            handoffTime: '08:00',
            timeZone: 'Europe/Berlin',
            startDate: monday,
            restrictions: [{ start: '08:00', end: '20:00' }],
          },
        ],
      }),
    );
    await policyFor(ctx, payments, scheduleId);
    seeded.push('Payments');
  }

  const platform = await teamByName(ctx, 'Platform');
  if (platform) {
    const managers = platform.members.filter((m) => m.manager);
    const scheduleId = await createSchedule(
      ctx,
      null,
      CreateScheduleInput.parse({
        name: 'Platform weekly',
        description: 'A weekly rotation, with a business-hours layer for the team lead on weekdays.',
        teamId: platform.id,
        timeZone: 'Asia/Kolkata',
        layers: [
          {
            name: 'Weekly',
            participants: platform.members.map((m) => m.id),
            rotation: { unit: 'week', every: 1 },
            handoffTime: '10:00',
            timeZone: 'Asia/Kolkata',
            startDate: monday,
          },
          {
            name: 'Business hours',
            participants: (managers.length > 0 ? managers : platform.members).map((m) => m.id),
            rotation: { unit: 'week', every: 1 },
            handoffTime: '09:00',
            timeZone: 'Asia/Kolkata',
            startDate: monday,
            restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
          },
        ],
      }),
    );
    await policyFor(ctx, platform, scheduleId);
    seeded.push('Platform');
  }

  if (seeded.length === 0) ctx.log.info('oncall demo: no Payments or Platform team with members; seeded nothing');
  else ctx.log.info({ teams: seeded }, 'oncall demo: schedules and escalation policies seeded');
}

async function policyFor(ctx: AppContext, team: { id: string; name: string; members: Member[] }, scheduleId: string) {
  const managers = team.members.filter((m) => m.manager);
  const { id } = await createEscalationPolicy(
    ctx,
    null,
    EscalationPolicyInput.parse({
      name: `${team.name} escalation`,
      teamId: team.id,
      repeat: 1,
      levels: [
        { targets: [{ kind: 'schedule', id: scheduleId }], delayMinutes: 10 },
        {
          targets: (managers.length > 0 ? managers : team.members.slice(0, 1)).map((m) => ({ kind: 'user', id: m.id })),
          delayMinutes: 15,
        },
      ],
    }),
  );
  const services = await ctx.db.selectFrom('services').select('id').where('team_id', '=', team.id).execute();
  for (const service of services) await setServiceEscalationPolicy(ctx, null, service.id, id);
}
