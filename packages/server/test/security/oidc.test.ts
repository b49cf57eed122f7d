import { SESSION_COOKIE } from '@firebreak/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { safeNext } from '../../src/domains/directory/oidc/safe-next.js';
import { buildApp } from '../../src/http/app.js';
import { freshIp, personWithPassword, signInBrowser } from '../directory/helpers.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { startTestIdp, type TestIdp } from './oidc-idp.js';

const PUBLIC_URL = 'http://localhost:8080';
const CALLBACK = `${PUBLIC_URL}/auth/oidc/callback`;

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

describeEachDialect('single sign-on (OpenID Connect)', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let idp: TestIdp;

  beforeAll(async () => {
    idp = await startTestIdp(CALLBACK);
    idp.accounts.set('alice', {
      email: 'Alice@Example.com',
      email_verified: true,
      name: 'Alice A',
      groups: ['sre-admins', 'sre'],
    });
    idp.accounts.set('bob', { email: 'bob@example.com', email_verified: true, name: 'Bob B', groups: ['sre'] });
    idp.accounts.set('carol', {
      email: 'carol@example.com',
      email_verified: true,
      name: 'Carol C',
      groups: ['marketing'],
    });
    idp.accounts.set('eve', { email: 'eve@example.com', email_verified: false, name: 'Eve', groups: ['sre-admins'] });
    t = await createTestContext(dialect);
    t.config = {
      ...t.config,
      ...loadConfig({
        FIREBREAK_PUBLIC_URL: PUBLIC_URL,
        FIREBREAK_DATA_DIR: t.config.dataDir,
        FIREBREAK_OIDC_ISSUER: idp.issuer,
        FIREBREAK_OIDC_CLIENT_ID: idp.clientId,
        FIREBREAK_OIDC_CLIENT_SECRET: idp.clientSecret,
        FIREBREAK_OIDC_GROUP_ROLES: 'sre-admins=admin,sre=responder,*=viewer',
        FIREBREAK_OIDC_SCOPES: 'openid email profile groups',
      }),
    };
    app = await buildApp(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    await idp?.close();
  });

  /** /auth/oidc/start → the IdP's login → back to our callback, like a browser with `cookies`. */
  async function signInVia(login: string, options: { next?: string; cookies?: Record<string, string> } = {}) {
    const start = await app.inject({
      method: 'GET',
      url: `/auth/oidc/start${options.next === undefined ? '' : `?next=${encodeURIComponent(options.next)}`}`,
      remoteAddress: freshIp(),
    });
    expect(start.statusCode, start.body).toBe(302);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const stateCookie = cookieOf(start, 'fb_oidc')!;
    const back = await idp.signIn(authorize.href, login, CALLBACK);
    const callback = await app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      cookies: { fb_oidc: stateCookie, ...options.cookies },
      remoteAddress: freshIp(),
    });
    return { callback, back, stateCookie, session: cookieOf(callback, SESSION_COOKIE) };
  }

  const me = (session: string) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: session } });

  it('tells the UI that single sign-on is on', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(res.json()).toEqual({ password: true, oidc: { startUrl: '/auth/oidc/start', issuer: idp.issuer } });
  });

  it('creates people on first sign-in with the role their groups map to', async () => {
    const expected = { alice: 'admin', bob: 'responder', carol: 'viewer' } as const;
    for (const [login, role] of Object.entries(expected)) {
      const { callback, session } = await signInVia(login);
      expect(callback.statusCode, callback.body).toBe(303);
      expect(session).toBeTruthy();
      const res = await me(session!);
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ email: `${login}@example.com`, role });
    }
  });

  it('re-evaluates the role at every sign-in', async () => {
    idp.accounts.get('bob')!.groups = ['sre-admins'];
    expect((await me((await signInVia('bob')).session!)).json().user.role).toBe('admin');
    idp.accounts.get('bob')!.groups = [];
    expect((await me((await signInVia('bob')).session!)).json().user.role).toBe('viewer');
    const rows = await t.db.selectFrom('users').select('id').where('email', '=', 'bob@example.com').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an email address the IdP has not verified', async () => {
    const { callback, session } = await signInVia('eve');
    expect(callback.statusCode).toBe(403);
    expect(callback.json().code).toBe('oidc_email_unverified');
    expect(session).toBeUndefined();
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'eve@example.com').execute()).toEqual([]);
  });

  it('issues a fresh session id: a session planted before sign-in is not the one after, and ends', async () => {
    const mallory = await personWithPassword(t, 'viewer');
    const planted = (await signInBrowser(app, mallory.email)).cookie;
    const { callback, session } = await signInVia('carol', { cookies: { [SESSION_COOKIE]: planted } });
    expect(callback.statusCode).toBe(303);
    expect(session).toBeTruthy();
    expect(session).not.toBe(planted);
    expect((await me(session!)).json().user.email).toBe('carol@example.com');
    expect((await me(planted)).statusCode).toBe(401);
  });

  it('still needs the CSRF token for cookie-authenticated writes', async () => {
    const { session } = await signInVia('carol');
    const cookies = { [SESSION_COOKIE]: session! };
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies,
      payload: { name: 'x', scope: 'read' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const csrf = (await me(session!)).json().csrfToken as string;
    const withToken = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: { name: 'x', scope: 'read' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('returns to a path on this site, and nowhere else', async () => {
    const land = async (next: string) => (await signInVia('carol', { next })).callback.headers.location;
    expect(await land('/incidents/INC-7?tab=timeline')).toBe('/incidents/INC-7?tab=timeline');
    expect(await land('https://evil.example')).toBe('/');
    expect(await land('//evil.example')).toBe('/');
    expect(await land('/\\evil.example')).toBe('/');
  });

  it('refuses a callback whose state is not the one this browser started', async () => {
    const { back, stateCookie } = await (async () => {
      // Complete a real login at the IdP but stop before our callback.
      const start = await app.inject({ method: 'GET', url: '/auth/oidc/start', remoteAddress: freshIp() });
      const stateCookie = cookieOf(start, 'fb_oidc')!;
      const back = await idp.signIn(start.headers.location as string, 'alice', CALLBACK);
      return { back, stateCookie };
    })();
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state');
    const wrongState = await app.inject({
      method: 'GET',
      url: `${forged.pathname}${forged.search}`,
      remoteAddress: freshIp(),
      cookies: { fb_oidc: stateCookie },
    });
    expect(wrongState.statusCode).toBe(403);
    expect(wrongState.json().code).toBe('oidc_state_invalid');
    expect(cookieOf(wrongState, SESSION_COOKIE)).toBeUndefined();

    // Login CSRF: the attacker's code and state, but the victim's browser never started that sign-in.
    const otherBrowser = cookieOf(
      await app.inject({ method: 'GET', url: '/auth/oidc/start', remoteAddress: freshIp() }),
      'fb_oidc',
    )!;
    const swapped = await app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      remoteAddress: freshIp(),
      cookies: { fb_oidc: otherBrowser },
    });
    expect(swapped.statusCode).toBe(403);
    const noCookie = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(noCookie.statusCode).toBe(403);
    const tampered = await app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      remoteAddress: freshIp(),
      cookies: { fb_oidc: `${stateCookie.slice(0, -2)}xx` },
    });
    expect(tampered.statusCode).toBe(403);
  });

  it('forgets a sign-in attempt after ten minutes', async () => {
    const start = await app.inject({ method: 'GET', url: '/auth/oidc/start', remoteAddress: freshIp() });
    const back = await idp.signIn(start.headers.location as string, 'carol', CALLBACK);
    await t.clock.advance(11 * 60_000);
    const late = await app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      remoteAddress: freshIp(),
      cookies: { fb_oidc: cookieOf(start, 'fb_oidc')! },
    });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('oidc_state_invalid');
  });
});

describe('safeNext', () => {
  it.each([
    ['/incidents', '/incidents'],
    ['/a/b?c=d#e', '/a/b?c=d#e'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/\tevil', '/'],
    ['', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, output) => {
    expect(safeNext(input)).toBe(output);
  });
});

describe('without single sign-on configured', () => {
  let t: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestContext('sqlite');
    app = await buildApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('says so, and the sign-in routes answer 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json()).toEqual({
      password: true,
      oidc: null,
    });
    expect((await app.inject({ method: 'GET', url: '/auth/oidc/start', remoteAddress: freshIp() })).statusCode).toBe(
      404,
    );
  });
});
