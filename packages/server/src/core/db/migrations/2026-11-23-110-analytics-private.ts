import { type Kysely, sql } from 'kysely';

// Analytics: a partial index of private incidents. Figures for someone who may not see every
// private incident subtract the ones they may not see; those are few, and this finds them without
// reading every incident. Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('analytics_incidents_private')
    .on('incidents')
    .column('id')
    .where(sql<boolean>`private = 1`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('analytics_incidents_private').execute();
}
