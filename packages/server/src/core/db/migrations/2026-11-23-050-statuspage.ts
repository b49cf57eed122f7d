import type { Kysely } from 'kysely';

// Status page: its settings (one row), components in groups with their status history (the source
// of the uptime bars), public incidents and scheduled maintenance (one table, as Statuspage models
// them) with their updates and affected components, services silenced by maintenance, customer
// incident reports, subscribers and their notification outbox. Frozen: never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('status_page_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('brand_color', 'text', (c) => c.notNull())
    .addColumn('background_color', 'text', (c) => c.notNull())
    .addColumn('text_color', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status_host', 'text')
    .addColumn('support_url', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_component_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_id', 'text', (c) => c.references('status_component_groups.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('showcase', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('only_show_if_degraded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_component_services')
    .addColumn('component_id', 'text', (c) => c.notNull().references('status_components.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('status_component_services_pk', ['component_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('status_component_services_service')
    .on('status_component_services')
    .column('service_id')
    .execute();

  // One row per period a component spent in one status; the open period has ended_at null.
  await db.schema
    .createTable('status_component_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('component_id', 'text', (c) => c.notNull().references('status_components.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('status_component_history_component')
    .on('status_component_history')
    .columns(['component_id', 'started_at'])
    .execute();

  // Incidents and maintenance alike (`kind`); a public incident belongs to one internal incident.
  await db.schema
    .createTable('status_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null').unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'bigint')
    .addColumn('scheduled_until', 'bigint')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('monitoring_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_incidents_started').on('status_incidents').columns(['started_at']).execute();

  await db.schema
    .createTable('status_incident_components')
    .addColumn('status_incident_id', 'text', (c) => c.notNull().references('status_incidents.id').onDelete('cascade'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('status_components.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_incident_components_pk', ['status_incident_id', 'component_id'])
    .execute();

  await db.schema
    .createTable('status_incident_services')
    .addColumn('status_incident_id', 'text', (c) => c.notNull().references('status_incidents.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('status_incident_services_pk', ['status_incident_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('status_incident_services_service')
    .on('status_incident_services')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('status_incident_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status_incident_id', 'text', (c) => c.notNull().references('status_incidents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('component_changes', 'text', (c) => c.notNull().defaultTo('[]'))
    // The internal incident's `public` status update this mirrors: one page update per timeline update.
    .addColumn('incident_update_id', 'text', (c) => c.unique())
    .addColumn('posted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('status_incident_updates_incident')
    .on('status_incident_updates')
    .columns(['status_incident_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('status_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status_incident_id', 'text', (c) =>
      c.notNull().unique().references('status_incidents.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('apology', 'text', (c) => c.notNull())
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('what_we_fixed', 'text', (c) => c.notNull())
    .addColumn('prevention', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('component_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    // Random per confirmation request; the link carries an HMAC of it, and confirming clears it.
    .addColumn('confirm_nonce', 'text')
    .addColumn('confirm_sent_at', 'bigint')
    .addColumn('confirmed_at', 'bigint')
    .addColumn('unsubscribed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('status_subscribers_kind_address', ['kind', 'address'])
    .execute();

  // The outbox: one row per subscriber and thing to tell (a page update or a report).
  await db.schema
    .createTable('status_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('status_subscribers.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addUniqueConstraint('status_notifications_once', ['subscriber_id', 'subject'])
    .execute();
  await db.schema
    .createIndex('status_notifications_subscriber')
    .on('status_notifications')
    .columns(['subscriber_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'status_notifications',
    'status_subscribers',
    'status_reports',
    'status_incident_updates',
    'status_incident_services',
    'status_incident_components',
    'status_incidents',
    'status_component_history',
    'status_component_services',
    'status_components',
    'status_component_groups',
    'status_page_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
