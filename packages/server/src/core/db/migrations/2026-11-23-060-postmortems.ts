import type { Kysely } from 'kysely';

// Postmortems: templates, due-date rules per severity, the postmortems with their sections
// (optimistically versioned one by one), their own copy of the timeline, five-whys chains,
// contributing factors, contributors, comments, reminder notices, and action items.
// The built-in default template lives in code (@firebreak/shared); this table holds custom ones.
// Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('postmortem_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('postmortem_due_rules')
    .addColumn('severity_id', 'text', (c) => c.primaryKey().references('severities.id').onDelete('cascade'))
    .addColumn('draft_due_working_days', 'integer')
    .addColumn('publish_due_working_days', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('postmortems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().unique().references('incidents.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_at', 'bigint')
    .addColumn('publish_due_at', 'bigint')
    .addColumn('review_meeting_at', 'bigint')
    .addColumn('figures', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint')
    .addColumn('published_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The overdue list (dashboard) reads unpublished postmortems by due time.
  await db.schema.createIndex('postmortems_status_due').on('postmortems').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('postmortems_owner').on('postmortems').columns(['owner_id', 'status']).execute();

  await db.schema
    .createTable('postmortem_tags')
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('postmortem_tags_pk', ['postmortem_id', 'tag'])
    .execute();
  await db.schema.createIndex('postmortem_tags_tag').on('postmortem_tags').columns(['tag', 'postmortem_id']).execute();

  await db.schema
    .createTable('postmortem_sections')
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('postmortem_sections_pk', ['postmortem_id', 'key'])
    .execute();

  await db.schema
    .createTable('postmortem_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('source_entry_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('happened_at', 'bigint', (c) => c.notNull())
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('postmortem_timeline_order')
    .on('postmortem_timeline')
    .columns(['postmortem_id', 'happened_at', 'id'])
    .execute();

  await db.schema
    .createTable('postmortem_why_chains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('postmortem_why_chains_pm')
    .on('postmortem_why_chains')
    .columns(['postmortem_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('postmortem_factors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('postmortem_factors_category')
    .on('postmortem_factors')
    .columns(['category', 'postmortem_id'])
    .execute();
  await db.schema.createIndex('postmortem_factors_pm').on('postmortem_factors').column('postmortem_id').execute();

  await db.schema
    .createTable('postmortem_contributors')
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.references('users.id'))
    .addColumn('invited_at', 'bigint', (c) => c.notNull())
    .addColumn('last_contributed_at', 'bigint')
    .addPrimaryKeyConstraint('postmortem_contributors_pk', ['postmortem_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('postmortem_contributors_user')
    .on('postmortem_contributors')
    .columns(['user_id', 'postmortem_id'])
    .execute();

  await db.schema
    .createTable('postmortem_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
    .addColumn('section_key', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('postmortem_comments_pm')
    .on('postmortem_comments')
    .columns(['postmortem_id', 'section_key', 'created_at'])
    .execute();

  // Reminders already given (postmortem due dates, action item due dates): a job that runs twice
  // finds its row and reminds nobody a second time.
  await db.schema
    .createTable('postmortem_notices')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('postmortem_notices_pk', ['subject_id', 'kind', 'due_at'])
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('postmortem_id', 'text', (c) => c.references('postmortems.id').onDelete('set null'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('due_at', 'bigint')
    .addColumn('tracker_url', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Overdue lists per person and per team, and "mine", read by (who, status, due).
  await db.schema
    .createIndex('action_items_owner')
    .on('action_items')
    .columns(['owner_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('action_items_team')
    .on('action_items')
    .columns(['team_id', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('action_items_status_due').on('action_items').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('action_items_incident').on('action_items').columns(['incident_id', 'id']).execute();
  await db.schema.createIndex('action_items_postmortem').on('action_items').columns(['postmortem_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'action_items',
    'postmortem_notices',
    'postmortem_comments',
    'postmortem_contributors',
    'postmortem_factors',
    'postmortem_why_chains',
    'postmortem_timeline',
    'postmortem_sections',
    'postmortem_tags',
    'postmortems',
    'postmortem_due_rules',
    'postmortem_templates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
