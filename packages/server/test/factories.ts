import type { Role, TokenScope } from '@firebreak/shared';
import '../src/domains/directory/directory.model.js';
import type { AppContext } from '../src/core/context.js';
import { hashSecret, newId, newSecret, slugify } from '../src/core/ids.js';
import { contentHash, type InboundAlert } from '../src/domains/alerts/inbound/event.js';

// Test data builders. Each call makes unique rows, so tests in one file never collide.
// They write rows directly to keep tests fast; the directory domain's own tests cover its commands.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export type BuiltUser = { id: string; name: string; email: string; role: Role; timeZone: string };

export async function buildUser(
  ctx: AppContext,
  overrides: Partial<BuiltUser> & { contactEmail?: boolean } = {},
): Promise<BuiltUser> {
  const n = unique();
  const user: BuiltUser = {
    id: newId(),
    name: overrides.name ?? `Person ${n}`,
    email: overrides.email ?? `person-${n}@example.test`,
    role: overrides.role ?? 'responder',
    timeZone: overrides.timeZone ?? 'UTC',
  };
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      time_zone: user.timeZone,
      password_hash: null,
      created_at: now,
      updated_at: now,
      deactivated_at: null,
    })
    .execute();
  if (overrides.contactEmail !== false) {
    await ctx.db
      .insertInto('contact_methods')
      .values({
        id: newId(),
        user_id: user.id,
        kind: 'email',
        label: 'work email',
        address: user.email,
        verified_at: now,
        created_at: now,
      })
      .execute();
  }
  return user;
}

export async function buildTeam(ctx: AppContext, overrides: { name?: string; members?: BuiltUser[] } = {}) {
  const name = overrides.name ?? `Team ${unique()}`;
  const team = { id: newId(), name, slug: slugify(name) };
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('teams')
    .values({ ...team, description: '', created_at: now, updated_at: now })
    .execute();
  for (const member of overrides.members ?? []) {
    await ctx.db
      .insertInto('team_members')
      .values({ team_id: team.id, user_id: member.id, role: 'member', created_at: now })
      .execute();
  }
  return team;
}

export async function buildService(ctx: AppContext, overrides: { name?: string; teamId?: string | null } = {}) {
  const name = overrides.name ?? `Service ${unique()}`;
  const service = { id: newId(), name, slug: slugify(name), teamId: overrides.teamId ?? null };
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('services')
    .values({
      id: service.id,
      name,
      slug: service.slug,
      description: '',
      team_id: service.teamId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return service;
}

/** An API token for `user`; returns the secret to send as a Bearer token. */
export async function tokenFor(ctx: AppContext, user: BuiltUser, scope: TokenScope = 'admin'): Promise<string> {
  const secret = newSecret('fbk');
  await ctx.db
    .insertInto('api_tokens')
    .values({
      id: newId(),
      user_id: user.id,
      name: 'test token',
      scope,
      prefix: secret.slice(0, 10),
      secret_hash: hashSecret(secret),
      created_at: ctx.clock.now(),
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    })
    .execute();
  return secret;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** An inbound trigger as a parsed format hands it to the ingest queue; its hash is of its key and `details`. */
export function inboundAlert(key: string, overrides: Partial<InboundAlert> = {}): InboundAlert {
  return {
    action: 'trigger',
    dedupKey: key,
    summary: `Alert ${key}`,
    source: 'test',
    severity: 'error',
    occurredAt: null,
    component: null,
    sourceGroup: null,
    className: null,
    details: null,
    labels: null,
    annotations: null,
    links: [],
    images: [],
    client: null,
    clientUrl: null,
    groupKey: null,
    format: 'test',
    ...overrides,
    hash: contentHash(`${key}\u0000${overrides.details ?? ''}`),
  };
}
