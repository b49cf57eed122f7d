import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/ids.js';
import { issueSignInLink } from '../../src/domains/directory/index.js';
import { buildApp } from '../../src/http/app.js';
import { buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { freshIp, PASSWORD, personWithPassword, signInBrowser } from './helpers.js';

describeEachDialect('directory: sign-in, sessions, CSRF, sign-in links', (dialect) => {
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

  const login = (email: string, password: string, ip = freshIp()) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

  it('signs in with the right password and sets a hardened session cookie', async () => {
    const user = await personWithPassword(t);
    const res = await login(user.email.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: user.id, email: user.email });
    expect(body.csrfToken).toMatch(/^csrf_/);
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = res.cookies.find((c) => c.name === 'fb_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // the test config's public URL is http
    expect(cookie.maxAge).toBeGreaterThan(0);
    // Only the hash of the cookie is stored.
    const stored = await t.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.id_hash)).toEqual([hashSecret(cookie.value)]);
  });

  it('marks the cookie Secure when secure cookies are configured', async () => {
    const secureApp = await buildApp({ ...t, config: { ...t.config, secureCookies: true } });
    try {
      const user = await personWithPassword(t);
      const res = await secureApp.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: PASSWORD },
        remoteAddress: freshIp(),
      });
      expect(res.cookies.find((c) => c.name === 'fb_session')?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const user = await personWithPassword(t);
    const wrong = await login(user.email, 'not the password at all');
    const unknown = await login('nobody@example.test', 'not the password at all');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.cookies).toHaveLength(0);
    }
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().detail).not.toMatch(/exist|unknown|no (such )?user/i);
  });

  it('refuses sign-in for a deactivated person and for one without a password', async () => {
    const user = await personWithPassword(t);
    await t.db.updateTable('users').set({ deactivated_at: t.clock.now() }).where('id', '=', user.id).execute();
    expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
    const invited = await buildUser(t);
    expect((await login(invited.email, PASSWORD)).statusCode).toBe(401);
  });

  it('issues a new session id on every sign-in and ends the one the browser presented', async () => {
    const user = await personWithPassword(t);
    const first = await signInBrowser(app, user.email);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
      headers: { cookie: `fb_session=${first.cookie}` },
      remoteAddress: freshIp(),
    });
    expect(again.statusCode).toBe(200);
    const second = again.cookies.find((c) => c.name === 'fb_session')!.value;
    expect(second).not.toBe(first.cookie);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `fb_session=${first.cookie}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('accepts a planted cookie value never: sign-in ignores it and mints its own', async () => {
    const user = await personWithPassword(t);
    const planted = 'fbs_attacker-chose-this-value-000000000';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
      headers: { cookie: `fb_session=${planted}` },
      remoteAddress: freshIp(),
    });
    expect(res.cookies.find((c) => c.name === 'fb_session')!.value).not.toBe(planted);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const admin = await personWithPassword(t, 'admin');
    const browser = await signInBrowser(app, admin.email);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/services', headers, payload: { name: `svc ${Math.random()}` } });

    const missing = await post({ cookie: `fb_session=${browser.cookie}` });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await post({ cookie: `fb_session=${browser.cookie}`, 'x-csrf-token': `${browser.csrf}x` });
    expect(wrong.json().code).toBe('csrf_failed');
    expect((await post(browser.headers)).statusCode).toBe(201);
    // Reads need no CSRF token.
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/services',
      headers: { cookie: `fb_session=${browser.cookie}` },
    });
    expect(read.statusCode).toBe(200);
  });

  it('reports the csrf token and the person from /auth/me', async () => {
    const user = await personWithPassword(t, 'viewer');
    const browser = await signInBrowser(app, user.email);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: browser.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id, role: 'viewer' }, csrfToken: browser.csrf, viaLink: false });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const user = await personWithPassword(t);
    const browser = await signInBrowser(app, user.email);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `fb_session=${browser.cookie}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: browser.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'fb_session')?.value).toBe('');
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: browser.headers });
    expect(me.statusCode).toBe(401);
    const left = await t.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('slides the session expiry with use, and ends an idle session', async () => {
    const user = await personWithPassword(t);
    const browser = await signInBrowser(app, user.email);
    const before = await t.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    await t.clock.advance(3 * 24 * 3600_000);
    const used = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: browser.headers });
    expect(used.statusCode).toBe(200);
    expect(used.cookies.find((c) => c.name === 'fb_session')?.maxAge).toBe(7 * 24 * 3600);
    const after = await t.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(after.expires_at).toBe(before.expires_at + 3 * 24 * 3600_000);
    await t.clock.advance(7 * 24 * 3600_000 + 1);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: browser.headers })).statusCode).toBe(
      401,
    );
  });

  it('rejects the session of a person who was deactivated', async () => {
    const user = await personWithPassword(t);
    const browser = await signInBrowser(app, user.email);
    await t.db.updateTable('users').set({ deactivated_at: t.clock.now() }).where('id', '=', user.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: browser.headers })).statusCode).toBe(
      401,
    );
  });

  it('signs in once through a one-time link, which then lets the person set a password', async () => {
    const user = await buildUser(t);
    const url = await issueSignInLink(t, user.id);
    expect(url.startsWith(`${t.config.publicUrl}/auth/link?token=`)).toBe(true);
    const path = url.slice(t.config.publicUrl.length);
    const token = new URL(url).searchParams.get('token')!;
    const stored = await t.db.selectFrom('sign_in_links').select('token_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.token_hash)).toEqual([hashSecret(token)]);

    const res = await app.inject({ method: 'GET', url: path, remoteAddress: freshIp() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/settings/profile?welcome=1');
    const cookie = res.cookies.find((c) => c.name === 'fb_session')!.value;
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `fb_session=${cookie}` } });
    expect(me.json()).toMatchObject({ user: { id: user.id }, viaLink: true });
    const headers = { cookie: `fb_session=${cookie}`, 'x-csrf-token': me.json().csrfToken };

    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers,
      payload: { newPassword: 'a brand new long password' },
    });
    expect(set.statusCode, set.body).toBe(204);
    expect((await login(user.email, 'a brand new long password')).statusCode).toBe(200);
    // The link's privilege is spent: changing again needs the current password.
    const again = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers,
      payload: { newPassword: 'yet another long password' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('currentPassword');

    const reused = await app.inject({ method: 'GET', url: path, remoteAddress: freshIp() });
    expect(reused.statusCode).toBe(403);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json().code).toBe('sign_in_link_invalid');
  });

  it('refuses an expired or forged sign-in link', async () => {
    const user = await buildUser(t);
    const url = await issueSignInLink(t, user.id);
    await t.clock.advance(24 * 3600_000 + 1);
    const expired = await app.inject({
      method: 'GET',
      url: url.slice(t.config.publicUrl.length),
      remoteAddress: freshIp(),
    });
    expect(expired.statusCode).toBe(403);
    expect(expired.cookies).toHaveLength(0);
    const forged = await app.inject({ method: 'GET', url: '/auth/link?token=fbl_forged', remoteAddress: freshIp() });
    expect(forged.statusCode).toBe(403);
  });

  it('still accepts a link just before it expires', async () => {
    const user = await buildUser(t);
    const url = await issueSignInLink(t, user.id);
    await t.clock.advance(24 * 3600_000 - 1000);
    const res = await app.inject({
      method: 'GET',
      url: url.slice(t.config.publicUrl.length),
      remoteAddress: freshIp(),
    });
    expect(res.statusCode).toBe(303);
  });

  it('changes a password only with the current one, and ends the other sessions', async () => {
    const user = await personWithPassword(t);
    const a = await signInBrowser(app, user.email);
    const b = await signInBrowser(app, user.email);
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers: a.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'another long password' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers: a.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'another long password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: a.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: b.headers })).statusCode).toBe(401);
    const hash = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash.password_hash).not.toContain('another long password');
  });

  it('limits sign-in attempts per address with 429 and Retry-After', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await login('someone@example.test', 'wrong password here', ip)).statusCode).toBe(401);
    }
    const limited = await login('someone@example.test', 'wrong password here', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await login('someone@example.test', 'wrong password here', freshIp())).statusCode).toBe(401);
  });
});
