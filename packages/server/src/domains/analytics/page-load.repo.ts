import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor, Tables } from '../../core/db/database.js';
import { localTime } from './buckets.js';
import { offsetSegments, SLEEP_FROM, SLEEP_UNTIL } from './local-time.js';
import type { Scope } from './scope.js';
import '../paging/paging.model.js';
import '../directory/directory.model.js';

// Read-only aggregate queries over the paging domain's pages and page recipients (who was notified
// when, outside working hours or not, and who acknowledged). A person's hours are counted in their
// zone: the working-hours zone when set, else the profile zone.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The scope's filters on `pages`: the team paged or owning the service, the service, the incident's severity. */
function pageFilter(scope: Scope): Expression<SqlBool> | null {
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
  if (scope.severityIds) {
    parts.push(
      eb.exists(
        eb
          .selectFrom('incidents')
          .select('incidents.id')
          .whereRef('incidents.id', '=', 'pages.incident_id')
          .where('incidents.severity_id', 'in', scope.severityIds),
      ),
    );
  }
  return parts.length ? eb.and(parts) : null;
}

/** Page notifications in the range, checked against the page's filters only when there are any. */
function recipientsInScope(ex: Executor, scope: Scope) {
  const filter = pageFilter(scope);
  return ex
    .selectFrom('page_recipients as pr')
    .innerJoin('users as u', 'u.id', 'pr.user_id')
    .leftJoin('working_hours as wh', 'wh.user_id', 'pr.user_id')
    .where('pr.notified_at', '>=', scope.from)
    .where('pr.notified_at', '<', scope.to)
    .$if(filter !== null, (q) =>
      q.where((eb) =>
        eb.exists(eb.selectFrom('pages').select('pages.id').whereRef('pages.id', '=', 'pr.page_id').where(filter!)),
      ),
    );
}

export type HourLoad = { user_id: string; hour: number; pages: number; outside: number; acknowledged: number };

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

/** Notifications per person and local hour of day (0–23), with how many came outside working hours and were acknowledged by them. */
export async function loadByPersonHour(ex: Executor, scope: Scope): Promise<HourLoad[]> {
  const rows = recipientsInScope(ex, scope).select([
    'pr.user_id',
    (await localHourOf(ex, scope)).as('hour'),
    'pr.outside_working_hours',
    'pr.acknowledged_by_recipient',
  ]);
  const result = await sql<HourLoad>`
    select user_id, hour, count(*) as pages, sum(outside_working_hours) as outside, sum(acknowledged_by_recipient) as acknowledged
    from (${rows}) as x group by user_id, hour
  `.execute(ex);
  return result.rows.map((r) => ({
    user_id: r.user_id,
    hour: Number(r.hour),
    pages: Number(r.pages),
    outside: Number(r.outside),
    acknowledged: Number(r.acknowledged),
  }));
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

/** Per person, how long they took to acknowledge the pages they acknowledged. */
export async function acknowledgeTimes(ex: Executor, scope: Scope): Promise<Map<string, number[]>> {
  const rows = await recipientsInScope(ex, scope)
    .where('pr.acknowledged_by_recipient', '=', 1)
    .select(['pr.user_id', sql<number>`pr.acknowledged_at - pr.notified_at`.as('v')])
    .execute();
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push(Number(r.v));
    out.set(r.user_id, list);
  }
  return out;
}

/** Time from a page being triggered to its acknowledgement, for pages triggered in the range. */
export async function pageAcknowledgeTimes(ex: Executor, scope: Scope): Promise<number[]> {
  const filter = pageFilter(scope);
  const rows = await ex
    .selectFrom('pages')
    .where('pages.created_at', '>=', scope.from)
    .where('pages.created_at', '<', scope.to)
    .where('pages.acknowledged_at', 'is not', null)
    .$if(filter !== null, (q) => q.where(filter!))
    .select(sql<number>`pages.acknowledged_at - pages.created_at`.as('v'))
    .execute();
  return rows.map((r) => Number(r.v));
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
