import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor, Tables } from '../../core/db/database.js';
import { listOf, localTime, textList } from './buckets.js';
import { offsetSegments, SLEEP_FROM, SLEEP_UNTIL } from './local-time.js';
import type { Scope } from './scope.js';
import '../paging/paging.model.js';
import '../directory/directory.model.js';

// Read-only aggregate queries over the paging domain's pages and page recipients (who was notified
// when, outside working hours or not, and who acknowledged). A person's hours are counted in their
// zone: the working-hours zone when set, else the profile zone.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The scope's team and service filters on `pages`: the team paged or owning the service, the service. */
function ownerFilter(scope: Scope): Expression<SqlBool>[] {
  const eb = expressionBuilder<Tables, 'pages'>();
  const parts: Expression<SqlBool>[] = [];
  if (scope.teamId) {
    parts.push(
      eb.or([
        eb('pages.team_id', '=', scope.teamId),
        eb(
          'pages.service_id',
          'in',
          eb.selectFrom('services').select('services.id').where('services.team_id', '=', scope.teamId),
        ),
      ]),
    );
  }
  if (scope.serviceId) parts.push(eb('pages.service_id', '=', scope.serviceId));
  return parts;
}

/** The scope's severity filter on `pages`: the severity of the page's incident. */
function severityFilter(scope: Scope): Expression<SqlBool>[] {
  if (!scope.severityIds) return [];
  const eb = expressionBuilder<Tables, 'pages'>();
  return [
    eb.exists(
      eb
        .selectFrom('incidents')
        .select('incidents.id')
        .whereRef('incidents.id', '=', 'pages.incident_id')
        .where('incidents.severity_id', 'in', scope.severityIds),
    ),
  ];
}

/**
 * Page notifications in the range, with their person's zones. People come first (CROSS JOIN:
 * SQLite keeps that order): each person's zone is read once, and their notifications in the range
 * are one stretch of an index holding every column the figures read. A team or service filter
 * lists the pages it keeps once, through their own indexes, and each notification is checked
 * against the list; the severity filter then looks up the page and incident of the notifications
 * left (few, after a team filter).
 */
function recipientsInScope(ex: Executor, scope: Scope) {
  const severity = severityFilter(scope);
  return ex
    .selectFrom('users as u')
    .leftJoin('working_hours as wh', 'wh.user_id', 'u.id')
    .crossJoin('page_recipients as pr')
    .whereRef('pr.user_id', '=', 'u.id')
    .where('pr.notified_at', '>=', scope.from)
    .where('pr.notified_at', '<', scope.to)
    .$if(scope.teamId !== null, (q) => q.where('pr.page_id', 'in', teamPages(ex, scope.teamId!)))
    .$if(scope.serviceId !== null, (q) =>
      q.where(
        'pr.page_id',
        'in',
        ex.selectFrom('pages').select('pages.id').where('pages.service_id', '=', scope.serviceId),
      ),
    )
    .$if(severity.length > 0, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('pages')
            .select('pages.id')
            .whereRef('pages.id', '=', 'pr.page_id')
            .where((p) => p.and(severity)),
        ),
      ),
    );
}

/**
 * Ids of the pages of a team: paged to it, or about one of its services. A union rather than an
 * OR, so each half is read from its own index on both databases.
 */
function teamPages(ex: Executor, teamId: string) {
  return ex
    .selectFrom('pages')
    .select('pages.id')
    .where('pages.team_id', '=', teamId)
    .union(
      ex
        .selectFrom('pages')
        .innerJoin('services', 'services.id', 'pages.service_id')
        .select('pages.id')
        .where('services.team_id', '=', teamId),
    );
}

export type PersonLoadRow = {
  user_id: string;
  pages: number;
  outside: number;
  acknowledged: number;
  /** Notifications by local hour of day, 0–23. */
  hours: number[];
};

/** The local hour of day (0–23) of a notification, in its person's zone, as SQL. */
async function localHourOf(ex: Executor, scope: Scope) {
  const zones = await ex
    .selectFrom('users as u')
    .leftJoin('working_hours as wh', 'wh.user_id', 'u.id')
    .select(sql<string>`coalesce(wh.time_zone, u.time_zone)`.as('zone'))
    .distinct()
    .execute();
  const notified = sql.ref('pr.notified_at');
  const local = sql`case coalesce(wh.time_zone, u.time_zone) ${sql.join(
    zones.map(({ zone }) => sql`when ${zone} then ${localTime(notified, offsetSegments(zone, scope.from, scope.to))}`),
    sql` `,
  )} else ${notified} end`;
  return sql<number>`(${local} % ${sql.lit(DAY)}) / ${sql.lit(HOUR)}`;
}

/**
 * Per person: notifications, how many came outside working hours and were acknowledged by them,
 * and how many fell in each local hour of day (0–23). One row per person, the hours as
 * `hour:count` pairs: a row per person and hour cost more to hand over than to count.
 */
export async function loadByPerson(ex: Executor, scope: Scope): Promise<PersonLoadRow[]> {
  const rows = recipientsInScope(ex, scope).select([
    'u.id as user_id',
    (await localHourOf(ex, scope)).as('hour'),
    'pr.outside_working_hours',
    'pr.acknowledged_by_recipient',
  ]);
  const result = await sql<{ user_id: string; pages: number; outside: number; acknowledged: number; hours: string }>`
    select user_id, sum(pages) as pages, sum(outside) as outside, sum(acknowledged) as acknowledged,
      ${textList(sql`cast(hour as text) || ':' || cast(pages as text)`)} as hours
    from (
      select user_id, hour, count(*) as pages, sum(outside_working_hours) as outside,
        sum(acknowledged_by_recipient) as acknowledged
      from (${rows}) as x group by user_id, hour
    ) as h group by user_id
  `.execute(ex);
  return result.rows.map((r) => {
    const hours = Array.from({ length: 24 }, () => 0);
    for (const pair of r.hours.split(',')) {
      const [hour, pages] = pair.split(':').map(Number);
      hours[hour!] = pages!;
    }
    return {
      user_id: r.user_id,
      pages: Number(r.pages),
      outside: Number(r.outside),
      acknowledged: Number(r.acknowledged),
      hours,
    };
  });
}

/** All notifications of the range, and those in sleep hours (22:00–07:00 local): one row, for the headline figures. */
export async function countPages(ex: Executor, scope: Scope): Promise<{ pages: number; sleep: number }> {
  const hour = await localHourOf(ex, scope);
  const row = await recipientsInScope(ex, scope)
    .select([
      sql<number>`count(*)`.as('pages'),
      sql<number>`sum(case when ${hour} >= ${sql.lit(SLEEP_FROM)} or ${hour} < ${sql.lit(SLEEP_UNTIL)} then 1 else 0 end)`.as(
        'sleep',
      ),
    ])
    .executeTakeFirst();
  return { pages: Number(row?.pages ?? 0), sleep: Number(row?.sleep ?? 0) };
}

/** Per person, how long they took to acknowledge the pages they acknowledged (ms). */
export async function acknowledgeTimes(ex: Executor, scope: Scope): Promise<Map<string, number[]>> {
  const rows = await recipientsInScope(ex, scope)
    .where('pr.acknowledged_by_recipient', '=', 1)
    .select(['u.id', textList(sql`pr.acknowledged_at - pr.notified_at`).as('times')])
    .groupBy('u.id')
    .execute();
  return new Map(rows.map((r) => [r.id, listOf(r.times)]));
}

/** Time from a page being triggered to its acknowledgement (ms), for pages triggered in the range. */
export async function pageAcknowledgeTimes(ex: Executor, scope: Scope): Promise<number[]> {
  const filter = [...ownerFilter(scope), ...severityFilter(scope)];
  const row = await ex
    .selectFrom('pages')
    .where('pages.created_at', '>=', scope.from)
    .where('pages.created_at', '<', scope.to)
    .where('pages.acknowledged_at', 'is not', null)
    .$if(filter.length > 0, (q) => q.where((eb) => eb.and(filter)))
    .select(textList(sql`pages.acknowledged_at - pages.created_at`).as('times'))
    .executeTakeFirst();
  return listOf(row?.times ?? null);
}

/** Names and zones of people: the working-hours zone when set, else the profile zone. */
export async function peopleZones(
  ex: Executor,
  userIds: string[],
): Promise<Map<string, { name: string; zone: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await ex
    .selectFrom('users')
    .leftJoin('working_hours as wh', 'wh.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.time_zone', 'wh.time_zone as hours_zone'])
    .where('users.id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, zone: r.hours_zone ?? r.time_zone }]));
}
