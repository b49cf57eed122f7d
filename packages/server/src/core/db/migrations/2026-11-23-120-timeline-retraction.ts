import type { Kysely } from 'kysely';

// Timeline entries can be retracted (a note captured from chat whose reaction was removed, a note
// added by mistake). A retracted entry is kept for the audit trail and hidden from the timeline by
// default, so the columns say when, by whom (null: the system) and why. Retractions are rare: the
// existing page indexes stay and filter them out as they walk. Frozen: never import application
// code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('timeline_entries').addColumn('retracted_at', 'bigint').execute();
  await db.schema
    .alterTable('timeline_entries')
    .addColumn('retracted_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('timeline_entries').addColumn('retraction_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['retraction_reason', 'retracted_by', 'retracted_at']) {
    await db.schema.alterTable('timeline_entries').dropColumn(column).execute();
  }
}
