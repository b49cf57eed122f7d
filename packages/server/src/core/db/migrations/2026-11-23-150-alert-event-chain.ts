import { type Kysely, sql } from 'kysely';

// Every inbound event wrote a row of `alert_events` and an entry of its index on (alert_id,
// received_at). Events of a thousand open alerts arrive interleaved, so each entry landed on a page
// of its own alert's part of that index: one more random 4 KB page written per event, ~70% of the
// bytes an ingest transaction wrote (bench/ingest; scratch analysis of the WAL by b-tree).
// Instead each event names the previous event of its alert (`prev_id`) and each alert its latest
// (`last_event_id`): an alert's history is read newest first by following the chain, and
// `alert_events` is only ever appended to, in id (time) order.
// The foreign key to `alerts` goes too: without an index on alert_id, deleting an alert would scan
// every event. Events of deleted alerts are swept by a job (alerts.jobs.ts).
// The table is rebuilt (SQLite cannot drop a foreign key); the chain is backfilled in
// (received_at, id) order, the order the history was read in. Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('last_event_id', 'text').execute();
  await sql`
    update alerts set last_event_id = (
      select e.id from alert_events e where e.alert_id = alerts.id
      order by e.received_at desc, e.id desc limit 1
    )`.execute(db);

  await db.schema
    .createTable('alert_events_chained')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('prev_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('details', 'text')
    .addColumn('occurred_at', 'bigint')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  // Only events whose alert still exists: the foreign key's cascade removed the others until now.
  await sql`
    insert into alert_events_chained
      (id, alert_id, prev_id, action, summary, severity, details, occurred_at, received_at)
    select id, alert_id,
      lag(id) over (partition by alert_id order by received_at, id),
      action, summary, severity, details, occurred_at, received_at
    from alert_events
    order by id`.execute(db);
  await db.schema.dropTable('alert_events').execute();
  await db.schema.alterTable('alert_events_chained').renameTo('alert_events').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_events').dropColumn('prev_id').execute();
  await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'received_at']).execute();
  await db.schema.alterTable('alerts').dropColumn('last_event_id').execute();
}
