import { type Kysely, sql } from 'kysely';

// Alerts: integrations (each with the sha256 of its routing key, looked up on every inbound event),
// alerts deduplicated per integration by dedup key (one open alert per key, hence the partial unique
// index), every accepted event of an alert, alert groups (what pages), per-service maintenance
// windows and change events. Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('grace_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('group_window_seconds', 'integer', (c) => c.notNull().defaultTo(300))
    .addColumn('group_by', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('urgency_map', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('flap_flips', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('flap_window_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('mapping', 'text')
    .addColumn('auto_incident', 'text')
    .addColumn('heartbeat_minutes', 'integer')
    .addColumn('heartbeat_state', 'text')
    .addColumn('last_ping_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_integrations_service').on('alert_integrations').column('service_id').execute();

  await db.schema
    .createTable('alert_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('alert_integrations.id').onDelete('set null'))
    .addColumn('group_key', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('alert_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_state', 'text', (c) => c.notNull())
    .addColumn('notify_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page_id', 'text', (c) => c.references('pages.id').onDelete('set null'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('first_alert_at', 'bigint', (c) => c.notNull())
    .addColumn('last_alert_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_groups_service_status')
    .on('alert_groups')
    .columns(['service_id', 'status'])
    .execute();
  await db.schema.createIndex('alert_groups_page').on('alert_groups').column('page_id').execute();
  await db.schema.createIndex('alert_groups_incident').on('alert_groups').column('incident_id').execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('alert_integrations.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('alert_groups.id').onDelete('cascade'))
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('component', 'text')
    .addColumn('source_group', 'text')
    .addColumn('class_name', 'text')
    .addColumn('details', 'text')
    .addColumn('labels', 'text')
    .addColumn('annotations', 'text')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('images', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('client', 'text')
    .addColumn('client_url', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('flips', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('flapping', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_maintenance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('noise', 'text')
    .addColumn('noise_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('noise_at', 'bigint')
    .addColumn('occurred_at', 'bigint')
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // One open alert per key and integration: a repeated trigger adds an event to it.
  await db.schema
    .createIndex('alerts_open_dedup')
    .on('alerts')
    .columns(['integration_id', 'dedup_key'])
    .unique()
    .where(sql.ref('status'), '<>', 'resolved')
    .execute();
  // Finds recently resolved alerts of a key too (a re-trigger within the flap window reopens them).
  await db.schema
    .createIndex('alerts_integration_dedup')
    .on('alerts')
    .columns(['integration_id', 'dedup_key', 'resolved_at'])
    .execute();
  await db.schema.createIndex('alerts_group').on('alerts').column('group_id').execute();
  await db.schema.createIndex('alerts_service_created').on('alerts').columns(['service_id', 'created_at']).execute();

  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('details', 'text')
    .addColumn('occurred_at', 'bigint')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'received_at']).execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('maintenance_windows_service')
    .on('maintenance_windows')
    .columns(['service_id', 'ends_at'])
    .execute();

  await db.schema
    .createTable('change_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.references('alert_integrations.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('details', 'text')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_events_service')
    .on('change_events')
    .columns(['service_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'change_events',
    'maintenance_windows',
    'alert_events',
    'alerts',
    'alert_groups',
    'alert_integrations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
