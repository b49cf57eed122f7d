import type { Kysely } from 'kysely';

// The chat integration: connected workspaces (secrets encrypted at rest), links between chat users
// and Firebreak accounts, one-time link tokens, one war-room channel per incident with the state
// needed to keep it current, and the messages captured to the timeline by a reaction.
// Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bot_token', 'text')
    .addColumn('signing_secret', 'text')
    .addColumn('verification_token', 'text')
    .addColumn('api_url', 'text', (c) => c.notNull())
    .addColumn('announcements_channel', 'text', (c) => c.notNull())
    .addColumn('capture_reaction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('chat_workspaces_team', ['provider', 'team_id'])
    .execute();

  await db.schema
    .createTable('chat_user_links')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('chat_workspaces.id').onDelete('cascade'))
    .addColumn('chat_user_id', 'text', (c) => c.notNull())
    .addColumn('chat_user_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_user_links_pk', ['workspace_id', 'chat_user_id'])
    .execute();
  await db.schema.createIndex('chat_user_links_user').on('chat_user_links').columns(['user_id']).execute();

  await db.schema
    .createTable('chat_link_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('chat_workspaces.id').onDelete('cascade'))
    .addColumn('chat_user_id', 'text', (c) => c.notNull())
    .addColumn('chat_user_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('chat_war_rooms')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('chat_workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text')
    .addColumn('channel_name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('summary_ts', 'text')
    .addColumn('summary_text', 'text')
    .addColumn('summary_pinned', 'integer', (c) => c.notNull())
    .addColumn('invited', 'text', (c) => c.notNull())
    .addColumn('relay_recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('relay_entry_id', 'text', (c) => c.notNull())
    .addColumn('sync_lock_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_war_rooms_channel')
    .on('chat_war_rooms')
    .columns(['workspace_id', 'channel_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('chat_captures')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('chat_workspaces.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_ts', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('entry_id', 'text')
    .addColumn('author_chat_id', 'text')
    .addColumn('captured_by_chat_id', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .addPrimaryKeyConstraint('chat_captures_pk', ['workspace_id', 'channel_id', 'message_ts'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['chat_captures', 'chat_war_rooms', 'chat_link_tokens', 'chat_user_links', 'chat_workspaces']) {
    await db.schema.dropTable(table).execute();
  }
}
