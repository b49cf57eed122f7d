import { OPEN_ACTION_ITEM_STATUSES } from '@firebreak/shared';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../core/db/database.js';
import type { ActionItemsTable } from '../postmortems/postmortems.model.js';
import { listOf, textList } from './buckets.js';
import {
  filtered,
  hiddenFrom,
  incidentFilter,
  incidentsInScope,
  type Scope,
  seesEverything,
  severityIn,
} from './scope.js';
import '../postmortems/postmortems.model.js';

// Read-only queries over the postmortems domain's tables, always joined to incidents so the
// scope's filters and private visibility apply.

const TOP = 10;

/**
 * Resolved incidents of the scope whose severity requires a postmortem: how many, how many have
 * one, how many published, and the time from resolution to publication of those (ms).
 */
export async function countRequiredPostmortems(ex: Executor, scope: Scope) {
  const required = scope.severities.filter((s) => s.postmortemRequired).map((s) => s.id);
  const row =
    required.length === 0
      ? undefined
      : await incidentsInScope(ex, scope)
          .leftJoin('postmortems as pm', 'pm.incident_id', 'incidents.id')
          .where('incidents.resolved_at', 'is not', null)
          .where(severityIn(required))
          .select([
            sql<number>`count(*)`.as('required'),
            sql<number>`count(pm.id)`.as('started'),
            sql<number>`sum(case when pm.status = 'published' then 1 else 0 end)`.as('published'),
            textList(sql`case when pm.status = 'published' then pm.published_at - incidents.resolved_at end`).as(
              'publishTimes',
            ),
          ])
          .executeTakeFirst();
  return {
    required: Number(row?.required ?? 0),
    started: Number(row?.started ?? 0),
    published: Number(row?.published ?? 0),
    publishTimes: listOf(row?.publishTimes ?? null),
  };
}

const items = expressionBuilder<{ ai: ActionItemsTable }, 'ai'>();

/** Conditions on action items (`ai`), one per count. */
type ItemConditions<K extends string> = Record<K, Expression<SqlBool>>;

const sumOf = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Counts action items of incidents passing the scope's filters, one count per condition; an
 * incident merged into another keeps its items, and they count. Unfiltered, each count is one
 * stretch of an index holding what the conditions test, and someone who may not see every private
 * incident gets it minus the items of those they may not see (few, found from the private
 * incidents' own index, all counts in one pass). With a team, service or severity filter, one pass
 * over the items of the matching incidents counts them all.
 */
async function countItems<K extends string>(
  ex: Executor,
  scope: Scope,
  conditions: ItemConditions<K>,
): Promise<Record<K, number>> {
  const keys = Object.keys(conditions) as K[];
  // CROSS JOIN: SQLite keeps incidents first, so the (few) matching incidents lead to their items.
  const itemsOf = (where: Expression<SqlBool>) =>
    ex
      .selectFrom('incidents')
      .crossJoin('action_items as ai')
      .whereRef('ai.incident_id', '=', 'incidents.id')
      .where(where)
      .select(keys.map((k) => sumOf(conditions[k]).as(k)))
      .executeTakeFirst() as Promise<Record<K, number | null> | undefined>;
  if (filtered(scope)) {
    const row = await itemsOf(incidentFilter(scope, { withMerged: true, allTime: true }));
    return Object.fromEntries(keys.map((k) => [k, Number(row?.[k] ?? 0)])) as Record<K, number>;
  }
  const [all, hidden] = await Promise.all([
    Promise.all(
      keys.map((k) =>
        ex
          .selectFrom('action_items as ai')
          .where(conditions[k])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ),
    ),
    seesEverything(scope) ? undefined : itemsOf(hiddenFrom(scope)),
  ]);
  return Object.fromEntries(keys.map((k, i) => [k, Number(all[i]?.n ?? 0) - Number(hidden?.[k] ?? 0)])) as Record<
    K,
    number
  >;
}

/**
 * Action items overdue at the end of the range: past due then and not finished then (still open
 * now, or finished only later).
 */
function overdueConditions(scope: Scope): ItemConditions<'stillOpen' | 'finishedLater'> {
  const dueBy = Math.min(scope.to, scope.now);
  const pastDue = [items('ai.due_at', '<', dueBy), items('ai.created_at', '<', scope.to)];
  return {
    stillOpen: items.and([items('ai.status', 'in', OPEN_ACTION_ITEM_STATUSES), ...pastDue]),
    finishedLater: items.and([items('ai.completed_at', '>=', scope.to), ...pastDue]),
  };
}

/** Action items overdue at the end of the range. */
export async function countOverdueActionItems(ex: Executor, scope: Scope): Promise<number> {
  const { stillOpen, finishedLater } = await countItems(ex, scope, overdueConditions(scope));
  return stillOpen + finishedLater;
}

/** Action items opened and closed (done or dropped) in the range, and overdue at its end. */
export async function countActionItems(ex: Executor, scope: Scope) {
  const counts = await countItems(ex, scope, {
    opened: items.and([items('ai.created_at', '>=', scope.from), items('ai.created_at', '<', scope.to)]),
    closed: items.and([items('ai.completed_at', '>=', scope.from), items('ai.completed_at', '<', scope.to)]),
    ...overdueConditions(scope),
  });
  return { opened: counts.opened, closed: counts.closed, overdue: counts.stillOpen + counts.finishedLater };
}

/** Most frequent contributing-factor categories in postmortems of the scope's incidents. */
export async function topFactors(ex: Executor, scope: Scope) {
  const rows = await ex
    .selectFrom('postmortem_factors as f')
    .innerJoin('postmortems as pm', 'pm.id', 'f.postmortem_id')
    .where('pm.incident_id', 'in', incidentsInScope(ex, scope).select('incidents.id'))
    .select(['f.category', (eb) => eb.fn.countAll().as('n')])
    .groupBy('f.category')
    .orderBy('n', 'desc')
    .orderBy('f.category')
    .limit(TOP)
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

/** Most frequent postmortem tags of the scope's incidents. */
export async function topTags(ex: Executor, scope: Scope) {
  const rows = await ex
    .selectFrom('postmortem_tags as t')
    .innerJoin('postmortems as pm', 'pm.id', 't.postmortem_id')
    .where('pm.incident_id', 'in', incidentsInScope(ex, scope).select('incidents.id'))
    .select(['t.tag', (eb) => eb.fn.countAll().as('n')])
    .groupBy('t.tag')
    .orderBy('n', 'desc')
    .orderBy('t.tag')
    .limit(TOP)
    .execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}
