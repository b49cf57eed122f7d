import { type IncidentStatus, isOpen, parseIncidentNumber } from '@firebreak/shared';
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor, Tables } from '../../core/db/database.js';
import type { IncidentRow, IncidentsTable } from './incidents.model.js';
import { DOC_ID_SLOTS, newestMatchingIncidents, type TextQuery, textCondition } from './search.repo.js';

export const getIncidentRow = (ex: Executor, id: string): Promise<IncidentRow | undefined> =>
  ex.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();

/** By id, or by number (`INC-42`, `42`). */
export function findIncidentByRef(ex: Executor, ref: string, options: { lock?: Dialect } = {}) {
  const number = parseIncidentNumber(ref);
  let query = ex.selectFrom('incidents').selectAll();
  query = number === null ? query.where('id', '=', ref) : query.where('number', '=', number);
  // Row lock on PostgreSQL so concurrent changes to one incident take turns; SQLite has one writer anyway.
  if (options.lock === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Hands out the next incident number inside the caller's transaction. The sequence row stays
 * locked until commit, so concurrent declarations on PostgreSQL queue here and never share a number.
 */
export async function takeNextIncidentNumber(ex: Executor): Promise<number> {
  const row = await ex
    .updateTable('incident_sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'incident_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export const insertIncidentRow = (ex: Executor, row: IncidentsTable) =>
  ex.insertInto('incidents').values(row).execute();

export const updateIncidentRow = (ex: Executor, id: string, changes: Partial<Omit<IncidentsTable, 'id'>>) =>
  ex.updateTable('incidents').set(changes).where('id', '=', id).execute();

export async function channelNameTaken(ex: Executor, name: string): Promise<boolean> {
  const row = await ex.selectFrom('incidents').select('id').where('channel_name', '=', name).executeTakeFirst();
  return row !== undefined;
}

export async function serviceIdsOf(ex: Executor, incidentId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('incident_services')
    .select('service_id')
    .where('incident_id', '=', incidentId)
    .execute();
  return rows.map((r) => r.service_id);
}

export async function replaceIncidentServices(
  ex: Executor,
  incident: Pick<IncidentRow, 'id' | 'number'>,
  serviceIds: string[],
): Promise<void> {
  await ex.deleteFrom('incident_services').where('incident_id', '=', incident.id).execute();
  if (serviceIds.length === 0) return;
  await ex
    .insertInto('incident_services')
    .values(
      serviceIds.map((service_id) => ({ incident_id: incident.id, service_id, incident_number: incident.number })),
    )
    .execute();
}

/** Affected services of several incidents at once, by incident id. */
export async function servicesOfIncidents(ex: Executor, incidentIds: string[]) {
  const map = new Map<string, { id: string; name: string }[]>();
  if (incidentIds.length === 0) return map;
  const rows = await ex
    .selectFrom('incident_services as s')
    .innerJoin('services', 'services.id', 's.service_id')
    .select(['s.incident_id', 'services.id', 'services.name'])
    .where('s.incident_id', 'in', incidentIds)
    .orderBy('services.name')
    .execute();
  for (const r of rows) map.set(r.incident_id, [...(map.get(r.incident_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}

export type IncidentFilter = {
  statuses?: IncidentStatus[] | undefined;
  severityIds?: string[] | undefined;
  serviceId?: string | undefined;
  teamIds?: string[] | undefined;
  /** Incidents where this person holds a role, reported it or is subscribed. */
  involving?: string | undefined;
  text?: TextQuery | undefined;
};

/** The filter as one condition on `incidents`; `except` leaves out what a list walks by instead. */
function conditionOf(
  filter: IncidentFilter,
  visible: Expression<SqlBool>,
  except: { service?: boolean; text?: boolean } = {},
): Expression<SqlBool> {
  const eb = expressionBuilder<Tables, 'incidents'>();
  const all: Expression<SqlBool>[] = [visible];
  const none = sql<SqlBool>`1 = 0`;
  if (filter.statuses?.length) all.push(eb('incidents.status', 'in', filter.statuses));
  if (filter.severityIds) {
    all.push(filter.severityIds.length ? eb('incidents.severity_id', 'in', filter.severityIds) : none);
  }
  if (filter.teamIds) all.push(filter.teamIds.length ? eb('incidents.team_id', 'in', filter.teamIds) : none);
  if (filter.serviceId && !except.service) {
    all.push(
      eb.exists(
        eb
          .selectFrom('incident_services as fs')
          .select('fs.incident_id')
          .whereRef('fs.incident_id', '=', 'incidents.id')
          .where('fs.service_id', '=', filter.serviceId),
      ),
    );
  }
  if (filter.involving) {
    const userId = filter.involving;
    all.push(
      eb.or([
        eb('incidents.reporter_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('incident_roles as mr')
            .select('mr.id')
            .whereRef('mr.incident_id', '=', 'incidents.id')
            .where('mr.user_id', '=', userId)
            .where('mr.relieved_at', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('incident_subscribers as ms')
            .select('ms.user_id')
            .whereRef('ms.incident_id', '=', 'incidents.id')
            .where('ms.user_id', '=', userId),
        ),
      ]),
    );
  }
  if (filter.text && !except.text) all.push(textCondition(filter.text));
  return eb.and(all);
}

type ListPage = { limit: number; cursor?: string | undefined };

/**
 * Newest first by number; the cursor is the last number of the previous page. What the list walks
 * depends on the filter, so that a page stops early whatever the filter matches:
 * - only open statuses: incidents by status (open incidents are few however many there were);
 * - text on SQLite: the full-text index newest first (document ids follow incident numbers);
 * - a service: that service's incidents newest first;
 * - else incidents newest first, through whichever index the database picks.
 */
export async function listIncidentRows(
  ex: Executor,
  filter: IncidentFilter,
  visible: Expression<SqlBool>,
  page: ListPage,
): Promise<{ rows: IncidentRow[]; nextCursor: string | null }> {
  const parsed = page.cursor ? Number.parseInt(page.cursor, 10) : Number.NaN;
  const before = Number.isFinite(parsed) ? parsed : null;
  const onlyOpen = filter.statuses?.length ? filter.statuses.every(isOpen) : false;
  const rows =
    !onlyOpen && filter.text?.dialect === 'sqlite'
      ? await newestByText(ex, filter, filter.text, visible, before, page.limit + 1)
      : !onlyOpen && filter.serviceId
        ? await newestOfService(ex, filter, filter.serviceId, visible, before, page.limit + 1)
        : await newest(ex, filter, visible, before, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { rows: items, nextCursor: rows.length > page.limit && last ? String(last.number) : null };
}

function newest(ex: Executor, filter: IncidentFilter, visible: Expression<SqlBool>, before: number | null, n: number) {
  let q = ex.selectFrom('incidents').selectAll().where(conditionOf(filter, visible));
  if (before !== null) q = q.where('incidents.number', '<', before);
  return q.orderBy('incidents.number', 'desc').limit(n).execute();
}

function newestOfService(
  ex: Executor,
  filter: IncidentFilter,
  serviceId: string,
  visible: Expression<SqlBool>,
  before: number | null,
  n: number,
) {
  let q = ex
    .selectFrom('incident_services as fs')
    .innerJoin('incidents', 'incidents.id', 'fs.incident_id')
    .selectAll('incidents')
    .where('fs.service_id', '=', serviceId)
    .where(conditionOf(filter, visible, { service: true }));
  if (before !== null) q = q.where('fs.incident_number', '<', before);
  return q.orderBy('fs.incident_number', 'desc').limit(n).execute();
}

async function newestByText(
  ex: Executor,
  filter: IncidentFilter,
  text: TextQuery,
  visible: Expression<SqlBool>,
  before: number | null,
  n: number,
): Promise<IncidentRow[]> {
  const where = conditionOf(filter, visible, { text: true });
  const rows: IncidentRow[] = [];
  const seen = new Set<string>();
  let beforeDocId = before === null ? null : before * DOC_ID_SLOTS;
  // An incident matched by several documents comes once per document: read on until n are distinct.
  for (;;) {
    const batch = (await newestMatchingIncidents(ex, text, { where, beforeDocId, limit: n })).rows;
    for (const { doc_id, ...row } of batch) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
    if (rows.length >= n || batch.length < n) return rows.slice(0, n);
    beforeDocId = batch.at(-1)!.doc_id;
  }
}

/** Counts by status and severity of what `visible` lets the person see. */
export async function countIncidentRows(ex: Executor, visible: Expression<SqlBool>, now: number) {
  const rows = await ex
    .selectFrom('incidents')
    .where(visible)
    .leftJoin('severities', 'severities.id', 'incidents.severity_id')
    .select((eb) => [
      'incidents.status',
      'severities.key as severity',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('incidents.next_update_due_at', '<=', now).then(1).else(0).end()).as('overdue'),
    ])
    .groupBy(['incidents.status', 'severities.key'])
    .execute();
  return rows.map((r) => ({ status: r.status, severity: r.severity, n: Number(r.n), overdue: Number(r.overdue ?? 0) }));
}

/** Every matching incident in number order, for exports (streams in chunks of `chunk`). */
export async function* iterateIncidentRows(
  ex: Executor,
  filter: IncidentFilter,
  visible: Expression<SqlBool>,
  chunk = 500,
): AsyncGenerator<IncidentRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listIncidentRows(ex, filter, visible, { limit: chunk, cursor });
    if (page.rows.length) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
