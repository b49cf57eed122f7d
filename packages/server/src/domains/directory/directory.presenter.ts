import type { ApiToken, ContactMethod, Service, Team, User } from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { ServiceRow } from './services.repo.js';
import type { MemberRow, TeamRow } from './teams.repo.js';
import type { TokenRow } from './tokens.repo.js';
import type { ContactMethodRow, UserRow } from './users.repo.js';

// Presenters whitelist what leaves the server: a new column (a password hash, a secret hash)
// never reaches a response unless it is named here.

export const presentContactMethod = (row: ContactMethodRow): ContactMethod => ({
  id: row.id,
  kind: row.kind as ContactMethod['kind'],
  label: row.label,
  address: row.address,
  verified: row.verified_at != null,
  createdAt: toIso(row.created_at),
});

export const presentUser = (row: UserRow, methods: ContactMethodRow[]): User => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  timeZone: row.time_zone,
  contactMethods: methods.filter((m) => m.user_id === row.id).map(presentContactMethod),
  createdAt: toIso(row.created_at),
  deactivatedAt: toIsoOrNull(row.deactivated_at),
});

export const presentTeam = (row: TeamRow, members: MemberRow[]): Team => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  members: members
    .filter((m) => m.team_id === row.id)
    .map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role })),
  createdAt: toIso(row.created_at),
});

export const presentService = (row: ServiceRow): Service => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  teamId: row.team_id,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

export const presentToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  userId: row.user_id,
  prefix: row.prefix,
  createdAt: toIso(row.created_at),
  lastUsedAt: toIsoOrNull(row.last_used_at),
  expiresAt: toIsoOrNull(row.expires_at),
  revokedAt: toIsoOrNull(row.revoked_at),
});
