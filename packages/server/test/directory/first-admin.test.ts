import { afterEach, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/domains/directory/index.js';
import { buildApp } from '../../src/http/app.js';
import { bearer, buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { freshIp } from './helpers.js';

describeEachDialect('directory: first admin and bootstrap token', (dialect) => {
  const opened: TestContext[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
  });
  const fresh = async (bootstrapToken?: string) => {
    const t = await createTestContext(dialect);
    opened.push(t);
    return Object.assign(t, { config: { ...t.config, bootstrapToken } });
  };

  it('creates an admin with a sign-in link and the bootstrap token on a fresh database', async () => {
    const bootstrap = 'bootstrap-token-0123456789abcdef';
    const t = await fresh(bootstrap);
    const result = await ensureFirstAdmin(t);
    expect(result).toMatchObject({ created: true, email: 'admin@localhost' });
    if (!result.created) throw new Error('unreachable');
    const app = await buildApp(t);
    try {
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(bootstrap) });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ name: 'Administrator', email: 'admin@localhost', role: 'admin' });
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(bootstrap),
        payload: { name: 'Second', email: 'second@example.test', role: 'admin' },
      });
      expect(create.statusCode).toBe(201);
      const tokens = await t.db.selectFrom('api_tokens').selectAll().execute();
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ name: 'bootstrap', scope: 'admin' });
      expect(JSON.stringify(tokens)).not.toContain(bootstrap);

      const link = await app.inject({
        method: 'GET',
        url: result.signInUrl.slice(t.config.publicUrl.length),
        remoteAddress: freshIp(),
      });
      expect(link.statusCode).toBe(303);
    } finally {
      await app.close();
    }
  });

  it('does nothing on a database that has people', async () => {
    const t = await fresh('bootstrap-token-0123456789abcdef');
    await buildUser(t);
    expect(await ensureFirstAdmin(t)).toEqual({ created: false });
    expect(await t.db.selectFrom('users').select('email').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(0);
  });

  it('creates no token without a bootstrap value, and runs once', async () => {
    const t = await fresh(undefined);
    expect((await ensureFirstAdmin(t)).created).toBe(true);
    expect((await ensureFirstAdmin(t)).created).toBe(false);
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(0);
  });
});
