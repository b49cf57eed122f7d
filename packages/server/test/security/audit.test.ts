import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/domains/audit/audit.model.js';
import { buildApp } from '../../src/http/app.js';
import { personWithPassword, signInBrowser } from '../directory/helpers.js';
import { bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { runFirebreak } from '../runtime/process.js';

describeEachDialect('audit log', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let responder: Record<string, string>;
  let responderId: string;
  let responderTokenId: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    admin = bearer(await tokenFor(t, await buildUser(t, { role: 'admin' })));
    const r = await buildUser(t, { role: 'responder' });
    responderId = r.id;
    responder = bearer(await tokenFor(t, r));
    responderTokenId = (
      await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', r.id).executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const audit = async (query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: any[]; nextCursor: string | null };
  };

  it('records a change with who, what, when and from where — and the id of what was created', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: { ...responder, 'user-agent': 'curl/8.5', 'x-request-id': 'req-create-service' },
      payload: { name: 'Checkout API' },
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(201);
    const [entry] = (await audit(`?route=${encodeURIComponent('/api/v1/services')}`)).items;
    expect(entry).toMatchObject({
      at: new Date(t.clock.now()).toISOString(),
      actor: { userId: responderId, via: 'token', tokenId: responderTokenId },
      ip: '10.1.2.3',
      userAgent: 'curl/8.5',
      method: 'POST',
      route: '/api/v1/services',
      params: {},
      resourceIds: { id: res.json().id },
      status: 201,
      requestId: 'req-create-service',
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the route pattern and its parameters, not the raw URL', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: responder,
      payload: { name: 'Payments' },
    });
    const id = created.json().id as string;
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/services/${id}`,
          headers: responder,
          payload: { description: 'Takes money' },
        })
      ).statusCode,
    ).toBe(200);
    const [entry] = (await audit('?route=/api/v1/services/:id')).items;
    expect(entry).toMatchObject({ method: 'PATCH', route: '/api/v1/services/:id', params: { id }, status: 200 });
  });

  it('leaves out reads, refused requests and anonymous requests', async () => {
    const before = (await audit('?limit=500')).items.length;
    await app.inject({ method: 'GET', url: '/api/v1/services', headers: responder });
    await app.inject({ method: 'POST', url: '/api/v1/services', headers: responder, payload: {} }); // 400
    await app.inject({ method: 'POST', url: '/api/v1/teams', headers: responder, payload: { name: 'SRE' } }); // 403
    await app.inject({ method: 'POST', url: '/api/v1/services', payload: { name: 'Anon' } }); // 401
    expect((await audit('?limit=500')).items.length).toBe(before);
  });

  it('records session changes without the session id, and never a secret from the answer', async () => {
    const person = await personWithPassword(t, 'viewer');
    const browser = await signInBrowser(app, person.email);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: browser.headers,
      payload: { name: 'laptop', scope: 'read' },
    });
    expect(res.statusCode).toBe(201);
    const { id, secret } = res.json();
    const [entry] = (await audit(`?actor=${person.id}`)).items;
    expect(entry).toMatchObject({
      actor: { userId: person.id, via: 'session', tokenId: null },
      route: '/api/v1/tokens',
      resourceIds: { id },
    });
    const rows = await t.db.selectFrom('audit_log').selectAll().execute();
    const stored = JSON.stringify(rows);
    for (const hidden of [secret, browser.cookie, browser.csrf]) expect(stored).not.toContain(hidden);
  });

  it('filters by actor, time and route prefix, and pages newest first', async () => {
    const from = new Date(t.clock.now() + 1).toISOString();
    await t.clock.advance(60_000);
    for (const name of ['Search', 'Ledger', 'Mailer']) {
      await app.inject({ method: 'POST', url: '/api/v1/services', headers: responder, payload: { name } });
      await t.clock.advance(1000);
    }
    const until = new Date(t.clock.now()).toISOString();
    await t.clock.advance(60_000);
    await app.inject({ method: 'POST', url: '/api/v1/services', headers: responder, payload: { name: 'Later' } });

    const window = await audit(`?since=${from}&until=${until}&actor=${responderId}`);
    expect(window.items).toHaveLength(3);
    expect(window.items.map((e) => e.seq)).toEqual([...window.items.map((e) => e.seq)].sort((a, b) => b - a));

    const first = await audit(`?since=${from}&until=${until}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await audit(`?since=${from}&until=${until}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((e) => e.seq)).size).toBe(3);

    const prefix = await audit(`?route=${encodeURIComponent('/api/v1/serv*')}&limit=500`);
    expect(prefix.items.length).toBeGreaterThanOrEqual(6);
    expect(prefix.items.every((e) => e.route.startsWith('/api/v1/serv'))).toBe(true);
    expect((await audit(`?actor=${responderId}&route=/api/v1/tokens`)).items).toEqual([]);
  });

  it('keeps the chain linear under concurrent writes', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/v1/services', headers: responder, payload: { name: `Parallel ${i}` } }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const seqs = (await t.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const verify = await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(verify.json()).toMatchObject({ ok: true, entries: seqs.length, broken: null });
  });
});

describeEachDialect('audit log tampering', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    admin = bearer(await tokenFor(t, await buildUser(t, { role: 'admin' })));
    for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/services', headers: admin, payload: { name } });
      expect(res.statusCode).toBe(201);
    }
    env = { DATABASE_URL: t.database.url, FIREBREAK_DATA_DIR: '/tmp/firebreak-audit-cli-unused' };
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const verify = async () => (await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin })).json();

  describe('in order', () => {
    it('verifies an untouched log, through the API and offline', async () => {
      expect(await verify()).toMatchObject({ ok: true, entries: 5, broken: null });
      const run = await runFirebreak(['audit', 'verify'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('OK: 5 audit entries verified');
    }, 90_000);

    it('names the entry whose content was changed in SQL', async () => {
      await sql`update audit_log set ip = '203.0.113.9' where seq = 3`.execute(t.db);
      expect(await verify()).toMatchObject({ ok: false, entries: 2, broken: { seq: 3 } });
      expect((await verify()).broken.reason).toMatch(/content does not match its hash/);
      const run = await runFirebreak(['audit', 'verify'], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('BROKEN: audit entry #3');
    }, 90_000);

    it('notices a rewritten hash too, from the entry after it', async () => {
      // A careful forger recomputes entry 3's own hash; entry 4 still points at the old one.
      const { chainHash } = await import('../../src/domains/audit/audit.chain.js');
      const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      await t.db
        .updateTable('audit_log')
        .set({ hash: chainHash(row.prev_hash, row) })
        .where('seq', '=', 3)
        .execute();
      expect(await verify()).toMatchObject({ ok: false, entries: 3, broken: { seq: 4 } });
    });

    it('notices a deleted entry', async () => {
      await t.db.deleteFrom('audit_log').where('seq', '<=', 2).execute();
      expect(await verify()).toMatchObject({ ok: false, entries: 0, broken: { seq: 3 } });
      expect((await verify()).broken.reason).toMatch(/missing/);
    });
  });
});
