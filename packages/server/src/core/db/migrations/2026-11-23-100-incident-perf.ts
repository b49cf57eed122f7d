import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Incident reads measured slow on 100,000 incidents (bench/incidents.bench.ts):
// - Pinned entries of a big timeline walked every entry: an index ending in the page order.
// - A service-filtered list probed incidents newest first until it found the service's ones, so a
//   quiet service cost a scan: incident_services now carries the incident's (never changing)
//   number, and the list walks (service_id, incident_number) newest first.
// - Search documents get ids in incident-number order (number * 16 + slot, one slot per source
//   of the incident), so SQLite reads FTS matches newest first and stops after a page instead of
//   collecting every match. PostgreSQL gets a stored tsvector column with its own GIN index, so
//   rechecks read the vector instead of recomputing it.
// - Severity + status filters: an index on (status, severity_id, number) (see below).
// Frozen: never import application code here.

/** Ids in incident order: the number times this, plus the slot of the source (incident first). */
const SLOTS = 16;

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createIndex('timeline_entries_pinned')
    .on('timeline_entries')
    .columns(['incident_id', 'pinned', 'happened_at', 'id'])
    .execute();

  // "sev1,sev2 + open": with only (severity_id, number) and (status, number), SQLite picked the
  // severity index and sorted every sev1/sev2 incident of all time; open incidents are few, so
  // status first, then severity, then the page order.
  await db.schema
    .createIndex('incidents_status_severity_number')
    .on('incidents')
    .columns(['status', 'severity_id', 'number'])
    .execute();

  await addIncidentNumberToServices(db, sqlite);
  await renumberSearchDocuments(db, sqlite);

  if (!sqlite) {
    // Generated, so every insert and update of a document writes its vector, whoever writes it.
    await sql`alter table incident_search_docs add column search_vector tsvector generated always as (
      setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')
    ) stored`.execute(db);
    await sql`create index incident_search_docs_vector on incident_search_docs using gin (search_vector)`.execute(db);
    await db.schema.dropIndex('incident_search_docs_fts').execute();
  }
}

async function addIncidentNumberToServices(db: Kysely<any>, sqlite: boolean): Promise<void> {
  if (sqlite) {
    // SQLite cannot add a NOT NULL column without a default: rebuild the (small, unreferenced) table.
    await db.schema
      .createTable('incident_services_next')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
      .addColumn('incident_number', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_services_pk', ['incident_id', 'service_id'])
      .execute();
    await sql`insert into incident_services_next (incident_id, service_id, incident_number)
      select s.incident_id, s.service_id, i.number from incident_services s join incidents i on i.id = s.incident_id`.execute(
      db,
    );
    await db.schema.dropTable('incident_services').execute();
    await db.schema.alterTable('incident_services_next').renameTo('incident_services').execute();
  } else {
    await db.schema.alterTable('incident_services').addColumn('incident_number', 'bigint').execute();
    await sql`update incident_services s set incident_number = i.number from incidents i where i.id = s.incident_id`.execute(
      db,
    );
    await db.schema
      .alterTable('incident_services')
      .alterColumn('incident_number', (c) => c.setNotNull())
      .execute();
    await db.schema.dropIndex('incident_services_service').execute();
  }
  // Covers "incidents of a service" lookups too, which used (service_id, incident_id).
  await db.schema
    .createIndex('incident_services_service_number')
    .on('incident_services')
    .columns(['service_id', 'incident_number', 'incident_id'])
    .execute();
}

async function renumberSearchDocuments(db: Kysely<any>, sqlite: boolean): Promise<void> {
  // SQLite: the FTS index follows the documents' ids; re-index once at the end rather than per row.
  if (sqlite) await sql`drop trigger incident_search_docs_au`.execute(db);
  // Through negative ids, so no new id meets an old one that has not moved yet.
  await sql`update incident_search_docs set id = -id`.execute(db);
  await sql`with numbered as (
      select d.id, i.number * ${sql.lit(SLOTS)} + row_number() over (
        partition by d.incident_id
        order by case d.source when 'incident' then 0 when 'postmortem' then 1 else 2 end, d.source
      ) - 1 as next_id
      from incident_search_docs d join incidents i on i.id = d.incident_id
    )
    update incident_search_docs set id = numbered.next_id from numbered where numbered.id = incident_search_docs.id`.execute(
    db,
  );
  if (sqlite) {
    await sql`insert into incident_search_fts(incident_search_fts) values ('rebuild')`.execute(db);
    await sql`create trigger incident_search_docs_au after update on incident_search_docs begin
      insert into incident_search_fts(incident_search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
      insert into incident_search_fts(rowid, title, body) values (new.id, new.title, new.body);
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (!sqlite) {
    await sql`create index incident_search_docs_fts on incident_search_docs using gin (
      (setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B'))
    )`.execute(db);
    await db.schema.dropIndex('incident_search_docs_vector').execute();
    await db.schema.alterTable('incident_search_docs').dropColumn('search_vector').execute();
  }
  await db.schema.dropIndex('incident_services_service_number').execute();
  await db.schema.alterTable('incident_services').dropColumn('incident_number').execute();
  await db.schema
    .createIndex('incident_services_service')
    .on('incident_services')
    .columns(['service_id', 'incident_id'])
    .execute();
  await db.schema.dropIndex('incidents_status_severity_number').execute();
  await db.schema.dropIndex('timeline_entries_pinned').execute();
}
