import { OPEN_ACTION_ITEM_STATUSES } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
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

/** Resolved incidents of the scope whose severity requires a postmortem, with their postmortem if any. */
export function listRequiredPostmortems(ex: Executor, scope: Scope) {
  const required = scope.severities.filter((s) => s.postmortemRequired).map((s) => s.id);
  if (required.length === 0) return Promise.resolve([]);
  return incidentsInScope(ex, scope)
    .leftJoin('postmortems as pm', 'pm.incident_id', 'incidents.id')
    .select(['incidents.resolved_at', 'pm.id as postmortem_id', 'pm.status', 'pm.published_at'])
    .where('incidents.resolved_at', 'is not', null)
    .where(severityIn(required))
    .execute();
}

type ItemQuery = ReturnType<typeof allItems>;

const allItems = (ex: Executor) => ex.selectFrom('action_items as ai').select((eb) => eb.fn.countAll<number>().as('n'));

/**
 * Counts action items of incidents passing the scope's filters, narrowed by `where`; an incident
 * merged into another keeps its items, and they count. Without team, service or severity filters,
 * everything visible is everything minus the items of private incidents the viewer may not see
 * (few, found through their own index), so the count never looks up each item's incident.
 */
async function countItems(ex: Executor, scope: Scope, where: (q: ItemQuery) => ItemQuery): Promise<number> {
  if (seesEverything(scope)) return n(await where(allItems(ex)).executeTakeFirst());
  if (!filtered(scope)) {
    const [all, hidden] = await Promise.all([
      where(allItems(ex)).executeTakeFirst(),
      where(allItems(ex))
        .where('ai.incident_id', 'in', ex.selectFrom('incidents').select('incidents.id').where(hiddenFrom(scope)))
        .executeTakeFirst(),
    ]);
    return n(all) - n(hidden);
  }
  return n(
    await where(
      allItems(ex)
        .innerJoin('incidents', 'incidents.id', 'ai.incident_id')
        .where(incidentFilter(scope, { withMerged: true })) as unknown as ItemQuery,
    ).executeTakeFirst(),
  );
}

const n = (row: { n: number } | undefined) => Number(row?.n ?? 0);

/**
 * Action items overdue at the end of the range: past due then and not finished then (still open
 * now, or finished only later). Each count walks an index of action items (open ones by due
 * date, or by completion).
 */
export async function countOverdueActionItems(ex: Executor, scope: Scope): Promise<number> {
  const dueBy = Math.min(scope.to, scope.now);
  const [stillOpen, finishedLater] = await Promise.all([
    countItems(ex, scope, (q) =>
      q
        .where('ai.status', 'in', OPEN_ACTION_ITEM_STATUSES)
        .where('ai.due_at', '<', dueBy)
        .where('ai.created_at', '<', scope.to),
    ),
    countItems(ex, scope, (q) =>
      q.where('ai.completed_at', '>=', scope.to).where('ai.due_at', '<', dueBy).where('ai.created_at', '<', scope.to),
    ),
  ]);
  return stillOpen + finishedLater;
}

/** Action items opened and closed (done or dropped) in the range, and overdue at its end. */
export async function countActionItems(ex: Executor, scope: Scope) {
  const [opened, closed, overdue] = await Promise.all([
    countItems(ex, scope, (q) => q.where('ai.created_at', '>=', scope.from).where('ai.created_at', '<', scope.to)),
    countItems(ex, scope, (q) => q.where('ai.completed_at', '>=', scope.from).where('ai.completed_at', '<', scope.to)),
    countOverdueActionItems(ex, scope),
  ]);
  return { opened, closed, overdue };
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
