import type { Kysely } from 'kysely';

// Analytics: indexes only, no tables. Every figure is computed from the owning domains' own rows
// (incident timestamps, status updates, page recipients, postmortems), so nothing has to be kept
// in step. These indexes turn "rows in a date range" into range scans instead of full-table scans.
// Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Incidents by declaration time, with the filter columns, so a range plus team/severity is read from the index.
  await db.schema
    .createIndex('analytics_incidents_declared')
    .on('incidents')
    .columns(['declared_at', 'severity_id', 'team_id'])
    .execute();
  await db.schema.createIndex('analytics_pages_created').on('pages').columns(['created_at']).execute();
  await db.schema
    .createIndex('analytics_page_recipients_notified')
    .on('page_recipients')
    .columns(['notified_at'])
    .execute();
  await db.schema.createIndex('analytics_action_items_created').on('action_items').columns(['created_at']).execute();
  await db.schema
    .createIndex('analytics_action_items_completed')
    .on('action_items')
    .columns(['completed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'analytics_action_items_completed',
    'analytics_action_items_created',
    'analytics_page_recipients_notified',
    'analytics_pages_created',
    'analytics_incidents_declared',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
