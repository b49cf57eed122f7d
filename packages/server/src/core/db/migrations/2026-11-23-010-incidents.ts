import { type Kysely, SqliteAdapter, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';

// Incidents: severities, the incidents themselves, their services, roles, timeline, decisions,
// status updates, subscribers, and a full-text index for "similar incidents".
// The search index is the only dialect-specific part: SQLite gets an FTS5 table kept in sync by
// triggers, PostgreSQL a GIN index over a weighted tsvector expression; both index the same
// portable table `incident_search_docs`, so other domains (postmortems) add documents with one upsert.
// Frozen: never import application code here.

const DEFAULT_SEVERITIES = [
  {
    key: 'sev1',
    name: 'Sev1',
    rank: 1,
    description:
      'Critical: irreversible damage to customers, the company or its reputation, data loss or a security breach. Fix now, even if it means taking the site down.',
    examples: [
      'Security vulnerability exposing customer data',
      'Customer accounts have been hacked',
      'Data is being lost or corrupted',
    ],
    cadence: 15,
    urgency: 'high',
    upgradeAfter: null,
    postmortem: 1,
    publicUpdate: 1,
  },
  {
    key: 'sev2',
    name: 'Sev2',
    rank: 2,
    description:
      'Major: a core function is down or badly degraded for many customers; the business as a whole is affected.',
    examples: ['Site down', 'Checkout failing for everyone', 'Wrong prices or discounts applied to all products'],
    cadence: 30,
    urgency: 'high',
    upgradeAfter: 120,
    postmortem: 1,
    publicUpdate: 1,
  },
  {
    key: 'sev3',
    name: 'Sev3',
    rank: 3,
    description:
      'Minor: partial outage or a customer-facing bug with a workaround; needs the owning team’s attention, can wait for business hours.',
    examples: ['One category is not working', 'Emails are not being sent', 'Search is slow but works'],
    cadence: 240,
    urgency: 'low',
    upgradeAfter: 480,
    postmortem: 0,
    publicUpdate: 0,
  },
  {
    key: 'sev4',
    name: 'Sev4',
    rank: 4,
    description: 'Low: cosmetic issue or a problem of a single customer, not blocking anyone from using the product.',
    examples: [
      "One customer didn't receive a confirmation email",
      'The image of a product is wrong',
      'A typo on the pricing page',
    ],
    cadence: null,
    urgency: 'low',
    upgradeAfter: 2880,
    postmortem: 0,
    publicUpdate: 0,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('severities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('examples', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('update_cadence_minutes', 'integer')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('upgrade_after_minutes', 'integer')
    .addColumn('postmortem_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_update_expected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  const now = Date.now();
  await db
    .insertInto('severities')
    .values(
      DEFAULT_SEVERITIES.map((s) => ({
        id: uuidv7(),
        key: s.key,
        name: s.name,
        rank: s.rank,
        description: s.description,
        examples: JSON.stringify(s.examples),
        update_cadence_minutes: s.cadence,
        urgency: s.urgency,
        upgrade_after_minutes: s.upgradeAfter,
        postmortem_required: s.postmortem,
        public_update_expected: s.publicUpdate,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  // One row per sequence; UPDATE … RETURNING on it hands out numbers. The row lock (PostgreSQL) or
  // the single writer (SQLite) makes concurrent declarations take distinct numbers.
  await db.schema
    .createTable('incident_sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('incident_sequences').values({ name: 'incident_number', value: 0 }).execute();

  await db.schema
    .createTable('incident_role_types')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('multiple', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('channel_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity_id', 'text', (c) => c.references('severities.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('users_affected', 'bigint')
    .addColumn('report_customer', 'text')
    .addColumn('report_observed', 'text')
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id'))
    .addColumn('declined_reason', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('detected_at', 'bigint')
    .addColumn('declared_at', 'bigint')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('mitigated_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('severity_set_at', 'bigint')
    .addColumn('next_update_due_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Lists page by number (newest first) under each filter, so every filter gets a compound index ending in it.
  await db.schema.createIndex('incidents_status_number').on('incidents').columns(['status', 'number']).execute();
  await db.schema.createIndex('incidents_severity_number').on('incidents').columns(['severity_id', 'number']).execute();
  await db.schema
    .createIndex('incidents_team_status')
    .on('incidents')
    .columns(['team_id', 'status', 'number'])
    .execute();
  await db.schema.createIndex('incidents_reporter').on('incidents').columns(['reporter_id', 'number']).execute();
  await db.schema.createIndex('incidents_channel_name').on('incidents').column('channel_name').execute();

  await db.schema
    .createTable('incident_services')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('incident_services_pk', ['incident_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('incident_services_service')
    .on('incident_services')
    .columns(['service_id', 'incident_id'])
    .execute();

  await db.schema
    .createTable('incident_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addColumn('relieved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('incident_roles_incident')
    .on('incident_roles')
    .columns(['incident_id', 'role'])
    .execute();
  // "Mine" and the private-visibility check look up a person's current roles.
  await db.schema.createIndex('incident_roles_user').on('incident_roles').columns(['user_id', 'incident_id']).execute();

  await db.schema
    .createTable('incident_subscribers')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_subscribers_pk', ['incident_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('incident_subscribers_user')
    .on('incident_subscribers')
    .columns(['user_id', 'incident_id'])
    .execute();

  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('happened_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Keyset pagination in both directions reads (happened_at, id) from this index.
  await db.schema
    .createIndex('timeline_entries_page')
    .on('timeline_entries')
    .columns(['incident_id', 'happened_at', 'id'])
    .execute();
  await db.schema
    .createIndex('timeline_entries_kind')
    .on('timeline_entries')
    .columns(['incident_id', 'kind', 'happened_at', 'id'])
    .execute();

  await db.schema
    .createTable('incident_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_decisions_incident')
    .on('incident_decisions')
    .columns(['incident_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('incident_status_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('current_status', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_update_at', 'bigint')
    .addColumn('posted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('posted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_status_updates_incident')
    .on('incident_status_updates')
    .columns(['incident_id', 'posted_at'])
    .execute();

  // One row per person an update was emailed to: a retried job skips those already sent.
  await db.schema
    .createTable('incident_update_deliveries')
    .addColumn('update_id', 'text', (c) => c.notNull().references('incident_status_updates.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_update_deliveries_pk', ['update_id', 'user_id'])
    .execute();

  // Reminders and prompts already given, keyed by what they were about: a job that runs twice
  // (crash, restart, second process) finds its row and does nothing the second time.
  await db.schema
    .createTable('incident_notices')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_notices_pk', ['incident_id', 'kind', 'due_at'])
    .execute();

  await db.schema
    .createTable('incident_search_docs')
    .addColumn('id', sqlite ? 'integer' : 'bigserial', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('incident_search_docs_source')
    .on('incident_search_docs')
    .columns(['incident_id', 'source'])
    .unique()
    .execute();

  if (sqlite) {
    await sql`create virtual table incident_search_fts using fts5(
      title, body, content='incident_search_docs', content_rowid='id', tokenize='porter unicode61'
    )`.execute(db);
    await sql`create trigger incident_search_docs_ai after insert on incident_search_docs begin
      insert into incident_search_fts(rowid, title, body) values (new.id, new.title, new.body);
    end`.execute(db);
    await sql`create trigger incident_search_docs_ad after delete on incident_search_docs begin
      insert into incident_search_fts(incident_search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
    end`.execute(db);
    await sql`create trigger incident_search_docs_au after update on incident_search_docs begin
      insert into incident_search_fts(incident_search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
      insert into incident_search_fts(rowid, title, body) values (new.id, new.title, new.body);
    end`.execute(db);
  } else {
    // Queries must repeat this exact expression for the planner to use the index.
    await sql`create index incident_search_docs_fts on incident_search_docs using gin (
      (setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B'))
    )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop table if exists incident_search_fts`.execute(db);
  }
  for (const table of [
    'incident_search_docs',
    'incident_notices',
    'incident_update_deliveries',
    'incident_status_updates',
    'incident_decisions',
    'timeline_entries',
    'incident_subscribers',
    'incident_roles',
    'incident_services',
    'incidents',
    'incident_role_types',
    'incident_sequences',
    'severities',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
