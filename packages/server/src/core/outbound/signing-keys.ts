import { createHmac } from 'node:crypto';
import { toIsoOrNull } from '../clock.js';
import type { Executor } from '../db/database.js';
import { conflict } from '../errors.js';
import { newSecret } from '../ids.js';
import { decryptSecret, encryptSecret } from '../secrets.js';

// Signing secrets of outbound webhooks, rotatable without breaking the receiver: a rotation makes
// a new secret current and keeps the old one signing for a grace period, so every request carries
// both signatures (`t=…,v1=<new>,v1=<old>`) until the receiver has switched. Until its first
// rotation an owner signs with the secret its domain derives from the server secret (what every
// webhook signed with before rotation existed), so nothing had to be backfilled. This module is
// the only writer of `webhook_signing_keys`; the owning domains decide who may rotate.

export interface WebhookSigningKeysTable {
  owner_kind: SigningOwner['kind'];
  owner_id: string;
  /** AES-256-GCM under the server secret (core/secrets.ts), like the previous one. */
  secret: string;
  previous_secret: string | null;
  previous_expires_at: number | null;
  rotated_at: number;
}

declare module '../db/database.js' {
  interface Tables {
    webhook_signing_keys: WebhookSigningKeysTable;
  }
}

/** How long the previous secret keeps signing after a rotation, unless the rotation is finished sooner. */
export const ROTATION_GRACE_MS = 24 * 60 * 60_000;

/** Whose secret: `derived` is the secret it signs with until its first rotation. */
export type SigningOwner = { kind: 'contact_method' | 'status_subscriber'; id: string; derived: string };

export type SigningKeys = {
  secret: string;
  /** The secret being rotated out, while it still signs. */
  previous: string | null;
  /** When `previous` stops signing; null when no rotation is under way. */
  rotatingUntil: number | null;
};

const rowOf = (ex: Executor, owner: SigningOwner) =>
  ex
    .selectFrom('webhook_signing_keys')
    .selectAll()
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();

function readable(secretKey: string, stored: string): string {
  try {
    return decryptSecret(secretKey, stored);
  } catch {
    throw new Error(
      'the webhook signing secret cannot be read: FIREBREAK_SECRET_KEY changed since it was stored; rotate the signing secret',
    );
  }
}

/** The owner's secrets at `now`. */
export async function signingKeysOf(
  ex: Executor,
  secretKey: string,
  owner: SigningOwner,
  now: number,
): Promise<SigningKeys> {
  const row = await rowOf(ex, owner);
  if (!row) return { secret: owner.derived, previous: null, rotatingUntil: null };
  const rotating = row.previous_secret !== null && row.previous_expires_at !== null && now < row.previous_expires_at;
  return {
    secret: readable(secretKey, row.secret),
    previous: rotating ? readable(secretKey, row.previous_secret!) : null,
    rotatingUntil: rotating ? row.previous_expires_at : null,
  };
}

/** What the owner is shown (the API's SigningSecret); the previous secret never leaves again. */
export const presentSigningKeys = (keys: SigningKeys) => ({
  secret: keys.secret,
  rotatingUntil: toIsoOrNull(keys.rotatingUntil),
});

/** The secrets that sign a request, newest first. */
export const signingSecrets = (keys: SigningKeys): string[] =>
  keys.previous === null ? [keys.secret] : [keys.secret, keys.previous];

/**
 * The `Firebreak-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one
 * `v1` per secret. A receiver accepts the request when any `v1` matches its secret.
 *
 * @example
 * signatureHeader(['whsec_new', 'whsec_old'], 1767603600, body) // 't=1767603600,v1=…,v1=…'
 */
export function signatureHeader(secrets: string[], timestampSeconds: number, body: string): string {
  const v1 = secrets.map((s) => `v1=${createHmac('sha256', s).update(`${timestampSeconds}.${body}`).digest('hex')}`);
  return [`t=${timestampSeconds}`, ...v1].join(',');
}

/**
 * Makes a new random secret current; the current one keeps signing until `now + graceMs`. A
 * rotation during a rotation drops the oldest secret at once. Two rotations racing: one wins, the
 * other is told to try again (the update only applies to the secret it read).
 */
export async function rotateSigningKey(
  ex: Executor,
  secretKey: string,
  owner: SigningOwner,
  now: number,
  graceMs = ROTATION_GRACE_MS,
): Promise<SigningKeys> {
  const row = await rowOf(ex, owner);
  let current: string | null = owner.derived;
  if (row) {
    try {
      current = decryptSecret(secretKey, row.secret);
    } catch {
      current = null; // lost with an old server secret: nothing left to keep signing with
    }
  }
  const secret = newSecret('whsec');
  const values = {
    secret: encryptSecret(secretKey, secret),
    previous_secret: current === null ? null : encryptSecret(secretKey, current),
    previous_expires_at: current === null ? null : now + graceMs,
    rotated_at: now,
  };
  const written = row
    ? (
        await ex
          .updateTable('webhook_signing_keys')
          .set(values)
          .where('owner_kind', '=', owner.kind)
          .where('owner_id', '=', owner.id)
          .where('secret', '=', row.secret)
          .executeTakeFirst()
      ).numUpdatedRows
    : ((
        await ex
          .insertInto('webhook_signing_keys')
          .values({ owner_kind: owner.kind, owner_id: owner.id, ...values })
          .onConflict((oc) => oc.columns(['owner_kind', 'owner_id']).doNothing())
          .executeTakeFirst()
      ).numInsertedOrUpdatedRows ?? 0n);
  if (written === 0n) {
    throw conflict('signing_secret_rotation_conflict', 'The signing secret was rotated at the same moment; try again.');
  }
  return { secret, previous: current, rotatingUntil: values.previous_expires_at };
}

/** Ends a rotation now: only the current secret signs from here on. */
export async function finishSigningKeyRotation(ex: Executor, owner: SigningOwner): Promise<void> {
  await ex
    .updateTable('webhook_signing_keys')
    .set({ previous_secret: null, previous_expires_at: null })
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .execute();
}
