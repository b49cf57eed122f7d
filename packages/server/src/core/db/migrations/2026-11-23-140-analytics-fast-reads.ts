import { type Kysely, sql } from 'kysely';

// Analytics over 100,000 incidents measured too slow for a quarter (bench/analytics.bench.ts):
// - Update cadence compared each status update with the one before it through a window function,
//   which sorted every update of the range. Each update now carries the same audience's previous
//   update (when it was posted, when it promised the next), written by the incidents domain as it
//   posts one; updates are never edited or deleted, so the pair never goes stale. Backfilled here.
// - Range reads looked up every incident, page, notification and action item row for a few
//   columns: indexes that hold those columns answer from the index alone. A team's and a
//   service's pages get indexes of their own, for the on-call load filters.
// Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incident_status_updates').addColumn('previous_posted_at', 'bigint').execute();
  await db.schema.alterTable('incident_status_updates').addColumn('previous_next_update_at', 'bigint').execute();
  await fillPreviousUpdates(db);
  await db.schema
    .createIndex('analytics_status_updates_cadence')
    .on('incident_status_updates')
    .columns([
      'incident_id',
      'audience',
      'posted_at',
      'next_update_at',
      'previous_posted_at',
      'previous_next_update_at',
    ])
    .execute();

  // Private incidents with their reporter: who may see one is then settled from indexes alone.
  await db.schema.dropIndex('analytics_incidents_private').execute();
  await db.schema
    .createIndex('analytics_incidents_private')
    .on('incidents')
    .columns(['id', 'reporter_id'])
    .where(sql<boolean>`private = 1`)
    .execute();

  // Everything the figures read of an incident, after the range and the filter columns.
  await db.schema.dropIndex('analytics_incidents_declared').execute();
  await db.schema
    .createIndex('analytics_incidents_declared')
    .on('incidents')
    .columns([
      'declared_at',
      'severity_id',
      'team_id',
      'status',
      'private',
      'source',
      'reporter_id',
      'created_at',
      'detected_at',
      'acknowledged_at',
      'mitigated_at',
      'resolved_at',
      'id',
    ])
    .execute();

  // Pages triggered in a range, with their acknowledgement and what the filters test.
  await db.schema.dropIndex('analytics_pages_created').execute();
  await db.schema
    .createIndex('analytics_pages_created')
    .on('pages')
    .columns(['created_at', 'acknowledged_at', 'team_id', 'service_id', 'incident_id'])
    .execute();

  // A team's and a service's pages, for the team and service filters of on-call load.
  await db.schema.createIndex('analytics_pages_team').on('pages').columns(['team_id', 'id']).execute();
  await db.schema.createIndex('analytics_pages_service').on('pages').columns(['service_id', 'id']).execute();

  // A person's notifications in a range, as on-call load reads them (person first: the zone that
  // gives the local hour is the person's, looked up once per person instead of once per row). It
  // replaces the index by notification time, which PostgreSQL preferred and then joined every
  // notification to its person (twice as slow, measured).
  await db.schema.dropIndex('analytics_page_recipients_notified').execute();
  await db.schema
    .createIndex('analytics_page_recipients_person')
    .on('page_recipients')
    .columns([
      'user_id',
      'notified_at',
      'outside_working_hours',
      'acknowledged_by_recipient',
      'acknowledged_at',
      'page_id',
    ])
    .execute();

  // Action items opened, closed, and open past due, with what the counts test.
  await db.schema.dropIndex('analytics_action_items_created').execute();
  await db.schema.dropIndex('analytics_action_items_completed').execute();
  await db.schema
    .createIndex('analytics_action_items_created')
    .on('action_items')
    .columns(['created_at', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('analytics_action_items_completed')
    .on('action_items')
    .columns(['completed_at', 'due_at', 'created_at', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('analytics_action_items_open')
    .on('action_items')
    .columns(['status', 'due_at', 'created_at', 'incident_id'])
    .execute();
}

/**
 * Sets each status update's predecessor: the latest update of the same incident and audience
 * posted before it (the id, time-ordered, settles a tie within one millisecond).
 */
export async function fillPreviousUpdates(db: Kysely<any>): Promise<void> {
  const previous = (column: string) => sql`(select p.${sql.ref(column)} from incident_status_updates as p
    where p.incident_id = incident_status_updates.incident_id and p.audience = incident_status_updates.audience
      and (p.posted_at < incident_status_updates.posted_at
        or (p.posted_at = incident_status_updates.posted_at and p.id < incident_status_updates.id))
    order by p.posted_at desc, p.id desc limit 1)`;
  await sql`update incident_status_updates set
    previous_posted_at = ${previous('posted_at')},
    previous_next_update_at = ${previous('next_update_at')}`.execute(db);
}

// The widened indexes keep their names and leading columns, so they stay (090's and 110's downs drop them).
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'analytics_action_items_open',
    'analytics_pages_service',
    'analytics_pages_team',
    'analytics_page_recipients_person',
    'analytics_status_updates_cadence',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema
    .createIndex('analytics_page_recipients_notified')
    .on('page_recipients')
    .column('notified_at')
    .execute();
  await db.schema.alterTable('incident_status_updates').dropColumn('previous_next_update_at').execute();
  await db.schema.alterTable('incident_status_updates').dropColumn('previous_posted_at').execute();
}
