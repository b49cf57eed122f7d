import { type ApiToken, CreateTokenInput, type TokenScope } from '@firebreak/shared';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { forbidden, notFound } from '../../../core/errors.js';
import { hashSecret, newId, newSecret } from '../../../core/ids.js';
import { type By, hasRole, requireSelfOrAdmin, SCOPE_ROLE, SYSTEM } from '../directory.policy.js';
import { presentToken } from '../directory.presenter.js';
import { insertToken, type TokenRow } from '../tokens.repo.js';
import { getUser } from '../users.repo.js';
import { parseInput } from '../validate.js';

const DAY_MS = 24 * 3600_000;

const TokenCommandInput = CreateTokenInput.extend({
  userId: z.string().min(1),
  /** A caller-chosen secret (the bootstrap token); otherwise 192 random bits. */
  secret: z.string().min(24).max(500).optional(),
});
export type CreateApiTokenInput = z.input<typeof TokenCommandInput>;

/**
 * Creates an API token acting as `userId`. The secret is returned here and never again:
 * only its sha256 is stored. The token's effective role is the lower of its scope and its
 * owner's role at the time of each request.
 *
 * @example
 * const { token, secret } = await createApiToken(ctx, { userId, name: 'CI', scope: 'write', expiresInDays: 90 });
 */
export async function createApiToken(
  ctx: AppContext,
  input: CreateApiTokenInput,
  by: By = SYSTEM,
): Promise<{ token: ApiToken; secret: string }> {
  const data = parseInput(TokenCommandInput, input);
  requireSelfOrAdmin(by, data.userId, "create a person's API tokens");
  // Otherwise a write-scope token of an admin could mint itself an admin-scope token.
  if (!hasRole(by, SCOPE_ROLE[data.scope])) {
    throw forbidden(`A token with scope "${data.scope}" would grant more than you may do now.`);
  }
  if (!(await getUser(ctx.db, data.userId))) throw notFound('user', data.userId);
  const secret = data.secret ?? newSecret('fbk');
  const now = ctx.clock.now();
  const row = newTokenRow({
    ...data,
    secret,
    now,
    expiresAt: data.expiresInDays ? now + data.expiresInDays * DAY_MS : null,
  });
  await insertToken(ctx.db, row);
  return { token: presentToken(row), secret };
}

/** The stored form of a token: its hash, and a prefix short enough to reveal little of a chosen secret. */
export function newTokenRow(t: {
  userId: string;
  name: string;
  scope: TokenScope;
  secret: string;
  now: number;
  expiresAt: number | null;
}): TokenRow {
  return {
    id: newId(),
    user_id: t.userId,
    name: t.name,
    scope: t.scope,
    prefix: t.secret.startsWith('fbk_') ? t.secret.slice(0, 10) : t.secret.slice(0, 4),
    secret_hash: hashSecret(t.secret),
    created_at: t.now,
    last_used_at: null,
    expires_at: t.expiresAt,
    revoked_at: null,
  };
}
