import type { PageUrgency, WorkingHours } from '@firebreak/shared';
import { DEFAULT_WORKING_HOURS } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import '../directory/directory.model.js';
import type { Recipient, Rule } from './notification-plan.js';
import type { NotificationRulesTable, WorkingHoursTable } from './paging.model.js';
import { hoursOf } from './working-hours.js';

// Queries only: the people a page reaches, with the directory's contact methods (read, never
// written here) and this domain's rules, working hours and verifications.

export type Person = Recipient & { name: string; timeZone: string };

type HoursColumns = Pick<WorkingHoursTable, 'days' | 'start_time' | 'end_time' | 'time_zone'>;

const toWorkingHours = (row: HoursColumns | undefined): WorkingHours =>
  row
    ? { days: JSON.parse(row.days) as number[], start: row.start_time, end: row.end_time, timeZone: row.time_zone }
    : DEFAULT_WORKING_HOURS;

/** A person's working hours, or the default (Mon–Fri 09:00–18:00 in their profile zone). */
export async function getWorkingHours(ex: Executor, userId: string): Promise<WorkingHours> {
  return toWorkingHours(
    await ex.selectFrom('working_hours').selectAll().where('user_id', '=', userId).executeTakeFirst(),
  );
}

export async function listRules(ex: Executor, userIds: string[]): Promise<NotificationRulesTable[]> {
  if (userIds.length === 0) return [];
  return ex
    .selectFrom('notification_rules')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('urgency')
    .orderBy('position')
    .execute();
}

export const listContactMethods = (ex: Executor, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : ex
        .selectFrom('contact_methods')
        .selectAll()
        .where('user_id', 'in', userIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();

export const getContactMethod = (ex: Executor, id: string) =>
  ex.selectFrom('contact_methods').selectAll().where('id', '=', id).executeTakeFirst();

/** Active people with everything needed to plan their notifications; unknown or deactivated ids are left out. */
export async function loadPeople(ex: Executor, userIds: string[]): Promise<Person[]> {
  if (userIds.length === 0) return [];
  // Working hours come with the users (one query fewer: every page step runs this).
  const [users, methods, rules] = await Promise.all([
    ex
      .selectFrom('users as u')
      .leftJoin('working_hours as h', 'h.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.time_zone', 'h.days', 'h.start_time', 'h.end_time', 'h.time_zone as hours_zone'])
      .where('u.id', 'in', userIds)
      .where('u.deactivated_at', 'is', null)
      .execute(),
    listContactMethods(ex, userIds),
    listRules(ex, userIds),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return userIds.flatMap((id) => {
    const user = byId.get(id);
    if (!user) return [];
    const ruleList = (urgency: PageUrgency): Rule[] =>
      rules
        .filter((r) => r.user_id === id && r.urgency === urgency)
        .map((r) => ({ contactMethodId: r.contact_method_id, delayMinutes: r.delay_minutes }));
    const working = toWorkingHours(
      user.days !== null && user.start_time !== null && user.end_time !== null
        ? { days: user.days, start_time: user.start_time, end_time: user.end_time, time_zone: user.hours_zone }
        : undefined,
    );
    return [
      {
        userId: id,
        name: user.name,
        timeZone: user.time_zone,
        methods: methods.filter((m) => m.user_id === id).map((m) => ({ id: m.id, kind: m.kind, address: m.address })),
        rules: { high: ruleList('high'), low: ruleList('low') },
        hours: hoursOf(working, user.time_zone),
      },
    ];
  });
}

/** Contact methods that count as verified: by the directory, or by a delivered test notification. */
export async function verifiedMethodIds(ex: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const [direct, tested] = await Promise.all([
    ex
      .selectFrom('contact_methods')
      .select('id')
      .where('user_id', 'in', userIds)
      .where('verified_at', 'is not', null)
      .execute(),
    ex
      .selectFrom('contact_method_verifications')
      .select('contact_method_id as id')
      .where('user_id', 'in', userIds)
      .execute(),
  ]);
  return new Set([...direct, ...tested].map((r) => r.id));
}

/** A person's contact methods with when each was verified and its latest test notification. */
export async function listMethodChecks(ex: Executor, userId: string) {
  const [methods, verified, tests] = await Promise.all([
    listContactMethods(ex, [userId]),
    ex.selectFrom('contact_method_verifications').selectAll().where('user_id', '=', userId).execute(),
    ex
      .selectFrom('notifications')
      .select(['id', 'contact_method_id', 'status', 'last_error', 'created_at'])
      .where('user_id', '=', userId)
      .where('purpose', '=', 'test')
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
  ]);
  return methods.map((m) => {
    const tested = verified.find((v) => v.contact_method_id === m.id)?.verified_at ?? null;
    const verifiedAt = m.verified_at ?? tested;
    return { id: m.id, verifiedAt, lastTest: tests.find((t) => t.contact_method_id === m.id) ?? null };
  });
}
