import { CompiledQuery, type Insertable, sql } from 'kysely';
import type { Dialect, Executor } from '../../core/db/database.js';
import type { AlertEventRow, AlertEventsTable, AlertGroupRow, AlertRow } from './alerts.model.js';

// Queries of alerts, alert groups and alert events. Only this domain's commands and ingest write them.

/** Splits rows so one statement stays under both dialects' bound-parameter limits. */
export function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Serialises changes to the alerts of these services across processes: on PostgreSQL, the rows of
 * their integrations are locked (in id order, so two writers never deadlock). SQLite has one writer.
 */
export async function lockServices(ex: Executor, dialect: Dialect, serviceIds: string[]): Promise<void> {
  if (dialect !== 'postgres' || serviceIds.length === 0) return;
  await ex
    .selectFrom('alert_integrations')
    .select('id')
    .where('service_id', 'in', [...new Set(serviceIds)])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Open alerts with these keys, and ones resolved since `resolvedSince` (a re-trigger may reopen them). */
export async function findAlertsByKeys(
  ex: Executor,
  integrationIds: string[],
  dedupKeys: string[],
  resolvedSince: number,
): Promise<AlertRow[]> {
  const out: AlertRow[] = [];
  for (const keys of chunks([...new Set(dedupKeys)], 30)) {
    const rows = await ex
      .selectFrom('alerts')
      .selectAll()
      .where('integration_id', 'in', integrationIds)
      .where('dedup_key', 'in', keys)
      .where((eb) => eb.or([eb('status', '<>', 'resolved'), eb('resolved_at', '>=', resolvedSince)]))
      .execute();
    out.push(...rows);
  }
  return out;
}

export const listOpenGroupsOfService = (ex: Executor, serviceId: string) =>
  ex
    .selectFrom('alert_groups')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('status', '<>', 'resolved')
    .execute();

export const getGroupsByIds = (ex: Executor, ids: string[]) =>
  ids.length ? ex.selectFrom('alert_groups').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export const getGroup = (ex: Executor, id: string) =>
  ex.selectFrom('alert_groups').selectAll().where('id', '=', id).executeTakeFirst();

export const getGroupByPage = (ex: Executor, pageId: string) =>
  ex.selectFrom('alert_groups').selectAll().where('page_id', '=', pageId).executeTakeFirst();

export const getAlertsByIds = (ex: Executor, ids: string[]) =>
  ids.length ? ex.selectFrom('alerts').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export const getAlert = (ex: Executor, id: string) =>
  ex.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();

/** Alerts of a group that are not yet in `notStatus` (e.g. every unresolved one). */
export const listAlertsOfGroup = (ex: Executor, groupId: string, statuses: AlertRow['status'][]) =>
  ex.selectFrom('alerts').selectAll().where('group_id', '=', groupId).where('status', 'in', statuses).execute();

// Feedback (noise) is left out: it is written by its own command, never by alert state changes.
const ALERT_MUTABLE = [
  'group_id',
  'status',
  'severity',
  'summary',
  'source',
  'component',
  'source_group',
  'class_name',
  'details',
  'labels',
  'annotations',
  'links',
  'images',
  'client',
  'client_url',
  'event_count',
  'last_hash',
  'flips',
  'flapping',
  'in_maintenance',
  'last_event_at',
  'last_event_id',
  'acknowledged_at',
  'resolved_at',
] as const;

const GROUP_MUTABLE = [
  'title',
  'status',
  'severity',
  'alert_count',
  'open_count',
  'notify_state',
  'notify_note',
  'page_id',
  'incident_id',
  'last_alert_at',
  'acknowledged_at',
  'acknowledged_by',
  'resolved_at',
  'resolved_by',
  'updated_at',
] as const;

/**
 * Writes new and changed alerts in as few statements as possible: an insert that updates the
 * mutable columns of rows that already exist (same SQL on SQLite and PostgreSQL).
 */
export const upsertAlerts = (ex: Executor, dialect: Dialect, rows: AlertRow[]) =>
  upsertRows(ex, dialect, 'alerts', rows, ALERT_MUTABLE);

export const upsertGroups = (ex: Executor, dialect: Dialect, rows: AlertGroupRow[]) =>
  upsertRows(ex, dialect, 'alert_groups', rows, GROUP_MUTABLE);

// The statements of every ingest transaction are written as plain SQL: building them with the
// query builder cost more CPU than running them (measured by bench/ingest). Same text on both dialects
// except the placeholders; PostgreSQL learns the VALUES column types from the first row's casts.

const placeholders = (dialect: Dialect, rows: number, columns: number, casts: (string | null)[] = []) => {
  const out: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      n++;
      const p = dialect === 'postgres' ? `$${n}` : '?';
      const cast = r === 0 ? casts[c] : null;
      cells.push(cast ? `cast(${p} as ${cast})` : p);
    }
    out.push(`(${cells.join(', ')})`);
  }
  return out.join(', ');
};

/** Whole rows (every column, as read or built), inserted or, by id, updated in `mutable`. */
async function upsertRows<R extends object>(
  ex: Executor,
  dialect: Dialect,
  table: string,
  rows: R[],
  mutable: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const update = mutable.map((c) => `${c} = excluded.${c}`).join(', ');
  for (const part of chunks(rows, columns.length)) {
    const params: unknown[] = [];
    for (const row of part) for (const column of columns) params.push((row as Record<string, unknown>)[column]);
    const text =
      `insert into ${table} (${columns.join(', ')}) values ${placeholders(dialect, part.length, columns.length)} ` +
      `on conflict (id) do update set ${update}`;
    await ex.executeQuery(CompiledQuery.raw(text, params));
  }
}

const EVENT_COLUMNS = [
  'id',
  'alert_id',
  'prev_id',
  'action',
  'summary',
  'severity',
  'details',
  'occurred_at',
  'received_at',
] as const;

export async function insertAlertEvents(
  ex: Executor,
  dialect: Dialect,
  rows: Insertable<AlertEventsTable>[],
): Promise<void> {
  for (const part of chunks(rows, EVENT_COLUMNS.length)) {
    const params: unknown[] = [];
    for (const row of part) for (const column of EVENT_COLUMNS) params.push(row[column] ?? null);
    const text = `insert into alert_events (${EVENT_COLUMNS.join(', ')}) values ${placeholders(dialect, part.length, EVENT_COLUMNS.length)}`;
    await ex.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** What a repeated trigger changes: never an indexed column, so no index is touched. */
export const RETRIGGER_COLUMNS = [
  'summary',
  'severity',
  'source',
  'component',
  'source_group',
  'class_name',
  'details',
  'labels',
  'annotations',
  'links',
  'images',
  'client',
  'client_url',
  'event_count',
  'last_hash',
  'last_event_at',
  'last_event_id',
] as const;
const RETRIGGER_CASTS = [
  ...RETRIGGER_COLUMNS.map((c) => (c === 'event_count' ? 'integer' : c === 'last_event_at' ? 'bigint' : null)),
  null,
];

const RETRIGGER_ONE = `update alerts set ${RETRIGGER_COLUMNS.map((c) => `${c} = ?`).join(', ')} where id = ?`;

/**
 * Updates alerts that were only re-triggered. On PostgreSQL in one statement per chunk (one round
 * trip); on SQLite, which has no round trips, one prepared single-row statement per alert costs
 * less than joining a VALUES list (7% of the commit path).
 */
export async function updateRetriggered(ex: Executor, dialect: Dialect, rows: AlertRow[]): Promise<void> {
  const columns = [...RETRIGGER_COLUMNS, 'id'] as const;
  if (dialect === 'sqlite') {
    for (const row of rows) {
      await ex.executeQuery(
        CompiledQuery.raw(
          RETRIGGER_ONE,
          columns.map((c) => row[c]),
        ),
      );
    }
    return;
  }
  for (const part of chunks(rows, columns.length)) {
    const params: unknown[] = [];
    for (const row of part) for (const column of columns) params.push(row[column]);
    const text =
      `with v (${columns.join(', ')}) as (values ${placeholders(dialect, part.length, columns.length, RETRIGGER_CASTS)}) ` +
      `update alerts set ${RETRIGGER_COLUMNS.map((c) => `${c} = v.${c}`).join(', ')} from v where alerts.id = v.id`;
    await ex.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** The alert's latest events, newest first, following each event's link to the one before it. */
export async function listEventsOfAlert(ex: Executor, alertId: string, limit = 100): Promise<AlertEventRow[]> {
  const { rows } = await sql<AlertEventRow & { depth: number }>`
    with recursive chain (id, depth) as (
      select last_event_id, 1 from alerts where id = ${alertId} and last_event_id is not null
      union all
      select e.prev_id, chain.depth + 1 from chain join alert_events e on e.id = chain.id
      where e.prev_id is not null and chain.depth < ${limit}
    )
    select e.*, chain.depth from chain join alert_events e on e.id = chain.id
    order by chain.depth`.execute(ex);
  return rows.map(({ depth: _, ...row }) => row);
}

/**
 * Deletes the events of alerts that no longer exist (their integration or service was deleted)
 * among the `limit` events after `after` in id order. Answers the last id looked at, or null at
 * the end of the table.
 */
export async function sweepOrphanEvents(ex: Executor, after: string, limit: number): Promise<string | null> {
  const last = await ex
    .selectFrom('alert_events')
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  await ex
    .deleteFrom('alert_events')
    .where('id', '>', after)
    .$if(last !== undefined, (q) => q.where('id', '<=', last!.id))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('alerts').select('alerts.id').whereRef('alerts.id', '=', 'alert_events.alert_id'))),
    )
    .execute();
  return last?.id ?? null;
}

/** Services among `serviceIds` with a maintenance window in effect at `at`. */
export async function servicesInMaintenance(ex: Executor, serviceIds: string[], at: number): Promise<Set<string>> {
  if (serviceIds.length === 0) return new Set();
  const rows = await ex
    .selectFrom('maintenance_windows')
    .select('service_id')
    .where('service_id', 'in', serviceIds)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .execute();
  return new Set(rows.map((r) => r.service_id));
}

export type AlertFilter = {
  status?: 'open' | AlertRow['status'] | undefined;
  serviceId?: string | undefined;
  integrationId?: string | undefined;
  groupId?: string | undefined;
};

type Page = { limit: number; cursor?: string | undefined };

/** Newest first, keyset on the time-ordered id. */
async function newestFirst<R extends { id: string }>(
  run: (limit: number, before: string | undefined) => Promise<R[]>,
  page: Page,
): Promise<{ items: R[]; nextCursor: string | null }> {
  const rows = await run(page.limit + 1, page.cursor);
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

const statusIn = (status: AlertFilter['status']): AlertRow['status'][] | null =>
  status === undefined ? null : status === 'open' ? ['triggered', 'acknowledged'] : [status];

export function listAlerts(ex: Executor, filter: AlertFilter, page: Page) {
  return newestFirst((limit, before) => {
    let q = ex.selectFrom('alerts').selectAll();
    const statuses = statusIn(filter.status);
    if (statuses) q = q.where('status', 'in', statuses);
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    if (filter.integrationId) q = q.where('integration_id', '=', filter.integrationId);
    if (filter.groupId) q = q.where('group_id', '=', filter.groupId);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }, page);
}

export function listGroups(
  ex: Executor,
  filter: { status?: AlertFilter['status']; serviceId?: string | undefined; incidentId?: string | undefined },
  page: Page,
) {
  return newestFirst((limit, before) => {
    let q = ex.selectFrom('alert_groups').selectAll();
    const statuses = statusIn(filter.status);
    if (statuses) q = q.where('status', 'in', statuses);
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }, page);
}

export function listChangeEvents(
  ex: Executor,
  filter: { serviceIds?: string[]; from?: number; to?: number },
  page: Page,
) {
  return newestFirst((limit, before) => {
    let q = ex.selectFrom('change_events').selectAll();
    if (filter.serviceIds) q = q.where('service_id', 'in', filter.serviceIds.length ? filter.serviceIds : ['']);
    if (filter.from !== undefined) q = q.where('occurred_at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('occurred_at', '<=', filter.to);
    if (before) q = q.where('id', '<', before);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }, page);
}

export function listMaintenanceWindows(ex: Executor, filter: { serviceId?: string | undefined; activeAt?: number }) {
  let q = ex.selectFrom('maintenance_windows').selectAll();
  if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
  if (filter.activeAt !== undefined)
    q = q.where('starts_at', '<=', filter.activeAt).where('ends_at', '>', filter.activeAt);
  return q.orderBy('starts_at', 'desc').limit(500).execute();
}

/** Display names of people, for "acknowledged by". */
export async function userNames(ex: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await ex.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
