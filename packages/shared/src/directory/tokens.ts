import { z } from 'zod';
import { Id, IsoTime, PageQuery } from '../common/page.js';

/** read: GET only; write: act on incidents, pages and alerts; admin: settings and people. */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const ApiToken = z.object({
  id: Id,
  name: z.string().describe('What the token is for'),
  scope: TokenScope.describe('The most the token may do; never more than its owner may'),
  userId: Id.describe('Owner; the token acts as this person'),
  prefix: z.string().describe('First characters of the secret, to recognise it'),
  createdAt: IsoTime,
  lastUsedAt: IsoTime.nullable(),
  expiresAt: IsoTime.nullable(),
  revokedAt: IsoTime.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the token is for'),
  scope: TokenScope.default('write').describe('read: GET only; write: responder actions; admin: everything'),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Omit for a token that does not expire'),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

/** Returned once, at creation: the secret is never shown again. */
export const CreatedToken = ApiToken.extend({
  secret: z.string().describe('The token; store it now, it is shown once'),
});
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenListQuery = PageQuery.extend({
  all: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe("Admins only: list every person's tokens, not only your own"),
});
export type TokenListQuery = z.input<typeof TokenListQuery>;
