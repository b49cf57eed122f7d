import { roleAtLeast } from '@firebreak/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.js';
import type { Access } from '../../src/http/access.js';
import { bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { AUTHORIZATION_MATRIX, type MatrixEntry } from './authorization-matrix.table.js';
import { buildAppListingRoutes, type RegisteredRoute } from './registered-routes.js';

type Who = 'anonymous' | 'viewer' | 'responder' | 'admin' | 'read-scope token of an admin';
type Outcome = { status: number; code: string | undefined; text: string };

const WHO: Who[] = ['anonymous', 'viewer', 'responder', 'admin', 'read-scope token of an admin'];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const TABLE = 'authorization-matrix.table.ts';

const accessOf = (entry: MatrixEntry): Access => (typeof entry === 'string' ? entry : entry.access);
const detailsOf = (entry: MatrixEntry) => (typeof entry === 'string' ? { access: entry } : entry);

/** What the route's door should answer: pass, 401 or 403. */
function expectedAt(access: Access, who: Who, method: string): 'pass' | 401 | 403 {
  if (who === 'anonymous') return access === 'public' ? 'pass' : 401;
  if (who === 'read-scope token of an admin' && !SAFE.has(method)) return 403;
  const role = who === 'read-scope token of an admin' ? 'viewer' : who;
  return access === 'public' || roleAtLeast(role, access) ? 'pass' : 403;
}

/**
 * A refusal by the HTTP auth layer itself (not by a handler's finer rule), recognised by its
 * message, since inbound integrations wrap errors in their own formats (PagerDuty's, say).
 */
function refusedAtTheDoor(o: Outcome): boolean {
  if (o.status === 401) return /Sign in or send an API token|The API token is unknown/.test(o.text);
  if (o.status === 403) return /This API token has the read scope|This needs the \w+ role/.test(o.text);
  return false;
}

let ipCounter = 0;
/** A client address per request, so per-address sign-in limits never turn an answer into 429. */
const nextIp = () => `10.9.${Math.floor(++ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;

/** Plausible path parameters: unknown but well-formed, so handlers answer 404, not 400. */
function fill(url: string, overrides: Record<string, string> = {}): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (overrides[name]) return overrides[name];
    if (name === 'token') return 'fbx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    if (name === 'key' || name === 'severity') return 'no-such-key';
    if (name === 'role') return 'scribe';
    return newId();
  });
}

async function call(
  app: FastifyInstance,
  route: RegisteredRoute,
  headers: Record<string, string>,
  options: { params?: Record<string, string>; body?: Record<string, unknown> } = {},
): Promise<Outcome> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  const res: LightMyRequestResponse = await app.inject({
    method: route.method as 'GET',
    url: fill(route.url, options.params),
    headers,
    ...(hasBody ? { payload: options.body ?? {} } : {}),
    remoteAddress: nextIp(),
    // Server-Sent Events never end: read the status, then hang up.
    payloadAsStream: true,
  });
  const stream = res.stream();
  if (String(res.headers['content-type'] ?? '').includes('text/event-stream')) {
    stream.destroy();
    return { status: res.statusCode, code: undefined, text: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let code: string | undefined;
  if (String(res.headers['content-type'] ?? '').includes('json')) {
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {}
  }
  return { status: res.statusCode, code, text };
}

describeEachDialect('authorization matrix', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let routes: RegisteredRoute[];
  const headers = {} as Record<Who, Record<string, string>>;
  let commander: Record<string, string>;
  let outsider: Record<string, string>;
  let privateIncidentId: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    ({ app, routes } = await buildAppListingRoutes(t));
    headers.anonymous = {};
    for (const role of ['viewer', 'responder', 'admin'] as const) {
      headers[role] = bearer(await tokenFor(t, await buildUser(t, { role }), 'admin'));
    }
    headers['read-scope token of an admin'] = bearer(await tokenFor(t, await buildUser(t, { role: 'admin' }), 'read'));
    commander = bearer(await tokenFor(t, await buildUser(t, { role: 'responder' })));
    outsider = bearer(await tokenFor(t, await buildUser(t, { role: 'responder' })));
    const declared = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: commander,
      payload: { title: 'Leaked customer data', severity: 'sev1', private: true },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    privateIncidentId = declared.json().incident.id;
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('has a row for every route, with the access the route declares', () => {
    expect(routes.length).toBeGreaterThan(50);
    const problems: string[] = [];
    const registered = new Set(routes.map((r) => r.key));
    for (const route of routes) {
      const entry = AUTHORIZATION_MATRIX[route.key];
      if (!entry) {
        problems.push(`${route.key} is not in ${TABLE}: add '${route.key}': '${route.access}',`);
        continue;
      }
      if (accessOf(entry) !== route.access) {
        problems.push(
          `${route.key} declares access '${route.access}' but ${TABLE} says '${accessOf(entry)}': fix whichever is wrong`,
        );
      }
      const incidentScoped = route.url.startsWith('/api/v1/incidents/:id');
      if (incidentScoped !== (detailsOf(entry).privateIncident === true)) {
        problems.push(`${route.key}: mark privateIncident: true exactly on /api/v1/incidents/:id… routes in ${TABLE}`);
      }
    }
    for (const key of Object.keys(AUTHORIZATION_MATRIX)) {
      if (!registered.has(key)) problems.push(`${key} is in ${TABLE} but no such route exists: remove it`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it.each(WHO)('answers %s as the table says', async (who) => {
    const problems: string[] = [];
    for (const route of routes) {
      const entry = AUTHORIZATION_MATRIX[route.key];
      if (!entry || route.onStatusHost) continue;
      const { access, alsoChecks, body } = detailsOf(entry);
      const want = expectedAt(access, who, route.method);
      const got = await call(app, route, headers[who], { body });
      const shown = `${got.status}${got.code ? ` ${got.code}` : ''}`;
      if (want === 'pass') {
        // 503 is an honest "not configured here" (no SMTP in tests); anything else 5xx is a bug.
        if (got.status >= 500 && got.status !== 503)
          problems.push(`${route.key}: ${who} got ${shown} (a server error)`);
        else if (refusedAtTheDoor(got))
          problems.push(`${route.key}: ${who} was refused (${shown}); table says ${access}`);
        else if ((got.status === 401 || got.status === 403) && !alsoChecks) {
          problems.push(`${route.key}: ${who} got ${shown} from the handler; if intended, note it as alsoChecks`);
        }
      } else if (got.status !== want || !refusedAtTheDoor(got)) {
        problems.push(`${route.key}: ${who} should get ${want} (table: ${access}) but got ${shown}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('answers a non-participant about a private incident exactly as about a missing one', async () => {
    const problems: string[] = [];
    const incidentRoutes = routes.filter((r) => detailsOf(AUTHORIZATION_MATRIX[r.key] ?? 'public').privateIncident);
    expect(incidentRoutes.length).toBeGreaterThan(10);
    for (const route of incidentRoutes) {
      const { body } = detailsOf(AUTHORIZATION_MATRIX[route.key]!);
      const hidden = await call(app, route, outsider, { params: { id: privateIncidentId }, body });
      const missing = await call(app, route, outsider, { params: { id: newId() }, body });
      if (hidden.status !== missing.status || hidden.code !== missing.code) {
        problems.push(
          `${route.key}: private incident → ${hidden.status} ${hidden.code}, missing → ${missing.status} ${missing.code}`,
        );
      } else if ((route.method === 'GET' || body) && hidden.status !== 404) {
        problems.push(`${route.key}: a non-participant should get 404, got ${hidden.status} ${hidden.code ?? ''}`);
      }
      if (route.method === 'GET' && !route.url.includes('/:', '/api/v1/incidents/:id'.length)) {
        const seen = await call(app, route, commander, { params: { id: privateIncidentId } });
        if (seen.status !== 200) problems.push(`${route.key}: the commander should see it, got ${seen.status}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
