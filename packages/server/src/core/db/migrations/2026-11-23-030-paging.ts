import { type Kysely, sql } from 'kysely';

// Paging: pages and their escalation runs (one row per step, unique per page so a step never runs
// twice), who was reached (`page_recipients`, read by on-call load analytics), the notification
// outbox with one row per delivery attempt, per-person notification rules and working hours,
// single-use action links, and verification state of the directory's contact methods (kept here
// until the directory grows a command for it). Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('service_id', 'text', (c) => c.references('services.id').onDelete('set null'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('dedup_key', 'text')
    .addColumn('policy_id', 'text', (c) => c.references('escalation_policies.id').onDelete('set null'))
    .addColumn('target_user_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('assignment_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_step', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_status').on('pages').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('pages_incident').on('pages').column('incident_id').execute();
  // One open page per dedup key: a repeated trigger joins the open page instead of paging again.
  await db.schema
    .createIndex('pages_dedup_open')
    .on('pages')
    .column('dedup_key')
    .unique()
    .where(sql.ref('status'), '<>', 'resolved')
    .execute();

  await db.schema
    .createTable('page_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('level_index', 'integer')
    .addColumn('level_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('next_step_at', 'bigint')
    .addUniqueConstraint('page_steps_page_step', ['page_id', 'step'])
    .execute();

  await db.schema
    .createTable('page_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_log_page').on('page_log').columns(['page_id', 'at']).execute();

  await db.schema
    .createTable('page_recipients')
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('first_step', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'bigint', (c) => c.notNull())
    .addColumn('outside_working_hours', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by_recipient', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('page_recipients_pk', ['page_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('page_recipients_user')
    .on('page_recipients')
    .columns(['user_id', 'notified_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('page_id', 'text', (c) => c.references('pages.id').onDelete('cascade'))
    .addColumn('step', 'integer')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_method_id', 'text', (c) => c.references('contact_methods.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_page').on('notifications').columns(['page_id', 'step']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'channel']).execute();
  await db.schema
    .createIndex('notifications_method')
    .on('notifications')
    .columns(['contact_method_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('latency_ms', 'integer')
    .addUniqueConstraint('notification_attempts_number', ['notification_id', 'attempt'])
    .execute();

  await db.schema
    .createTable('notification_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('contact_method_id', 'text', (c) => c.notNull().references('contact_methods.id').onDelete('cascade'))
    .addColumn('delay_minutes', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_rules_user').on('notification_rules').column('user_id').execute();

  await db.schema
    .createTable('working_hours')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('page_link_uses')
    .addColumn('link_id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contact_method_verifications')
    .addColumn('contact_method_id', 'text', (c) => c.primaryKey().references('contact_methods.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'contact_method_verifications',
    'page_link_uses',
    'working_hours',
    'notification_rules',
    'notification_attempts',
    'notifications',
    'page_recipients',
    'page_log',
    'page_steps',
    'pages',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
