import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken, listApiTokens, revokeApiToken } from '../../src/domains/directory/index.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { personWithPassword, signInBrowser } from './helpers.js';

describeEachDialect('directory: API tokens', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const newServiceName = () => `svc-${Math.random().toString(36).slice(2)}`;

  it('shows the secret once and stores only its hash', async () => {
    const user = await buildUser(t, { role: 'admin' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(await tokenFor(t, user)),
      payload: { name: 'CI', scope: 'write', expiresInDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.secret).toMatch(/^fbk_[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({ name: 'CI', scope: 'write', userId: user.id, prefix: created.secret.slice(0, 10) });
    expect(Date.parse(created.expiresAt) - t.clock.now()).toBe(30 * 24 * 3600_000);

    // No column of any token row holds the secret.
    const rows = await t.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    const dump = await sql<{
      t: string;
    }>`select ${sql.raw(dialect === 'postgres' ? 'api_tokens::text' : 'id || name || scope || prefix || secret_hash')} as t from api_tokens`.execute(
      t.db,
    );
    expect(dump.rows.some((r) => r.t.includes(created.secret))).toBe(false);

    const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(created.secret) });
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((i: { id: string }) => i.id === created.id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('secret');
    expect(JSON.stringify(list.json())).not.toContain(created.secret);
  });

  it('rejects a revoked token with 401', async () => {
    const user = await buildUser(t, { role: 'responder' });
    const { token, secret } = await createApiToken(t, { userId: user.id, name: 'to revoke', scope: 'write' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: bearer(secret) });
    expect(revoke.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthorized');
  });

  it('rejects an expired token and a forged one', async () => {
    const user = await buildUser(t, { role: 'responder' });
    const { secret } = await createApiToken(t, { userId: user.id, name: 'short', scope: 'write', expiresInDays: 1 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    await t.clock.advance(24 * 3600_000);
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) })).statusCode).toBe(
      401,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(`${secret}x`) })).statusCode,
    ).toBe(401);
  });

  it('lets a read-scope token only read', async () => {
    const admin = await buildUser(t, { role: 'admin' });
    const secret = await tokenFor(t, admin, 'read');
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearer(secret),
      payload: { name: newServiceName() },
    });
    expect(post.statusCode).toBe(403);
    expect(post.json().code).toBe('token_read_only');
  });

  it('never grants more than its owner has', async () => {
    const viewer = await buildUser(t, { role: 'viewer' });
    const adminScoped = await tokenFor(t, viewer, 'admin');
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearer(adminScoped),
      payload: { name: newServiceName() },
    });
    expect(post.statusCode).toBe(403);
    // And a write-scope token of an admin acts as a responder.
    const admin = await buildUser(t, { role: 'admin' });
    const write = await tokenFor(t, admin, 'write');
    const addPerson = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(write),
      payload: { name: 'X', email: 'x-write-scope@example.test' },
    });
    expect(addPerson.statusCode).toBe(403);
    // Nor can it mint itself a stronger token.
    const mint = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(write),
      payload: { name: 'up', scope: 'admin' },
    });
    expect(mint.statusCode).toBe(403);
  });

  it('stops working when its owner is demoted or deactivated', async () => {
    const admin = await buildUser(t, { role: 'admin' });
    const secret = await tokenFor(t, admin, 'admin');
    await t.db.updateTable('users').set({ role: 'viewer' }).where('id', '=', admin.id).execute();
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearer(secret),
      payload: { name: newServiceName() },
    });
    expect(post.statusCode).toBe(403);
    await t.db.updateTable('users').set({ deactivated_at: t.clock.now() }).where('id', '=', admin.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) })).statusCode).toBe(
      401,
    );
  });

  it('records last use at most once a minute', async () => {
    const user = await buildUser(t);
    const { token, secret } = await createApiToken(t, { userId: user.id, name: 'busy', scope: 'read' });
    const lastUsed = async () =>
      (await t.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow())
        .last_used_at;
    const first = t.clock.now();
    await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) });
    expect(await lastUsed()).toBe(first);
    await t.clock.advance(30_000);
    await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) });
    expect(await lastUsed()).toBe(first);
    await t.clock.advance(30_000);
    await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(secret) });
    expect(await lastUsed()).toBe(first + 60_000);
  });

  it("lists only one's own tokens; admins may list all; others' tokens cannot be revoked", async () => {
    const alice = await buildUser(t, { role: 'responder' });
    const bob = await buildUser(t, { role: 'responder' });
    const admin = await buildUser(t, { role: 'admin' });
    const a = await createApiToken(t, { userId: alice.id, name: 'alice', scope: 'write' });
    const b = await createApiToken(t, { userId: bob.id, name: 'bob', scope: 'write' });

    const own = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(a.secret) });
    expect(own.json().items.map((i: { userId: string }) => i.userId)).toEqual([alice.id]);
    const all = await app.inject({ method: 'GET', url: '/api/v1/tokens?all=true', headers: bearer(a.secret) });
    expect(all.statusCode).toBe(403);
    const asAdmin = await app.inject({
      method: 'GET',
      url: '/api/v1/tokens?all=true&limit=500',
      headers: bearer(await tokenFor(t, admin)),
    });
    const ids = asAdmin.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([a.token.id, b.token.id]));

    const steal = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${b.token.id}`,
      headers: bearer(a.secret),
    });
    expect(steal.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(b.secret) })).statusCode).toBe(
      200,
    );

    await revokeApiToken(t, b.token.id);
    const mine = await listApiTokens(t, { userId: bob.id });
    expect(mine.items[0]?.revokedAt).not.toBeNull();
  });

  it('needs no CSRF token with a bearer token, even when a cookie is present', async () => {
    const admin = await personWithPassword(t, 'admin');
    const browser = await signInBrowser(app, admin.email);
    const secret = await tokenFor(t, { ...admin, timeZone: 'UTC' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: { ...bearer(secret), cookie: `fb_session=${browser.cookie}` },
      payload: { name: newServiceName() },
    });
    expect(res.statusCode).toBe(201);
  });
});
