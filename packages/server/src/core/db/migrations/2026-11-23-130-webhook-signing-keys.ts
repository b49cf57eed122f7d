import type { Kysely } from 'kysely';

// Outbound webhook signing secrets that can be rotated: for each signing owner (a webhook contact
// method, a status-page webhook subscriber) the current secret and, during a rotation, the previous
// one with the moment it stops signing. Secrets are stored encrypted under the server secret.
//
// Nothing is backfilled: until its first rotation an owner has no row and signs with the secret
// derived from the server secret and its id, exactly as before, so existing receivers keep
// verifying. The derivation needs the server secret, which migrations never see. Owners are rows
// of two domains, so there is no foreign key; their ids are never reused, and a row left behind by
// a deleted owner is never read. Frozen: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_signing_keys')
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_expires_at', 'bigint')
    .addColumn('rotated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_signing_keys_pk', ['owner_kind', 'owner_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_signing_keys').execute();
}
