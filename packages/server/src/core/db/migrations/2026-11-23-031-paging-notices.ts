import type { Kysely } from 'kysely';

// Paging: notices, messages to one person that do not escalate (an incident's overdue-update
// reminder, an upgrade prompt, an on-call handoff). A notice is delivered like a page's step, through
// the notification outbox (in-app plus the person's low-urgency rules), so its text lives here and
// each outbox row points at it. `dedup_key` makes a repeated event notify once. Frozen: never import
// application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_user').on('notices').columns(['user_id', 'created_at']).execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('notice_id', 'text', (c) => c.references('notices.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('notifications_notice').on('notifications').column('notice_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_notice').execute();
  await db.schema.alterTable('notifications').dropColumn('notice_id').execute();
  await db.schema.dropTable('notices').execute();
}
