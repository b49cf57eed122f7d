import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runDemoSeeds } from '../../src/demo/seed.js';
import { slackSignature } from '../../src/domains/chat/signature.js';
import { domains } from '../../src/domains/index.js';
import { signLink } from '../../src/domains/paging/links.js';
import { type ChatWorld, createChatWorld, SIGNING_SECRET, TEAM } from '../chat/helpers.js';
import { bearer } from '../factories.js';
import { createTestContext, describeEachDialect } from '../harness.js';
import { startSmtp } from '../paging/helpers.js';
import {
  bodyFromSchema,
  type FieldValues,
  HOSTILE,
  type JsonSchema,
  junk,
  type RawBody,
  rawBody,
} from './body-arbitraries.js';
import { findRealRows, type RealRows } from './real-rows.js';
import { buildAppListingRoutes, type RegisteredRoute } from './registered-routes.js';

// Every route that takes a body, listed from the real app, fed fast-check bodies: shaped by the
// route's own schema with junk mixed in, arbitrary JSON, and bytes that are not what they claim.
// Path parameters are real rows of a seeded world (demo data) or random. Whatever comes in, the
// answer is never a 5xx, and every refusal says what is wrong in the route's format: problem+json,
// or the native format of the PagerDuty-compatible endpoints and the HTML forms.

const RUNS = Number(process.env.FIREBREAK_FUZZ_RUNS ?? 12);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const STATUS_HOST = 'status.fuzz.test';

/** Endpoints that answer refusals in a format of their own (read their routes), by URL. */
const NATIVE_FORMATS: [RegExp, 'pagerduty' | 'html'][] = [
  // PagerDuty Events API v2/v1 and change events answer exactly as PagerDuty does.
  [/^\/(v2|generic)\//, 'pagerduty'],
  // The public status page's subscription forms answer a page a person reads.
  [/^(\/status)?\/(subscribe|subscriptions\/)/, 'html'],
];

const routes: RegisteredRoute[] = await (async () => {
  const t = await createTestContext('sqlite');
  const { app, routes: all } = await buildAppListingRoutes(t);
  await app.close();
  await t.close();
  return all.filter((r) => BODY_METHODS.has(r.method));
})();

const schemaOf = (route: RegisteredRoute): JsonSchema | undefined =>
  route.bodySchema
    ? (z.toJSONSchema(route.bodySchema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : undefined;

/** Every field name any route's body schema mentions, at any depth. */
function fieldNames(schema: JsonSchema | undefined, into = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return into;
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    into.add(key);
    fieldNames(value, into);
  }
  for (const child of [
    schema.items,
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...Object.values(schema.$defs ?? {}),
  ])
    fieldNames(child, into);
  return into;
}

let ipCounter = 0;
/** A client address per request, so per-address limits (sign-in, subscribe) rarely turn an answer into 429. */
const nextIp = () =>
  `10.${Math.floor(++ipCounter / 62_500) % 250}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;

const json = (value: unknown): RawBody => ({ payload: JSON.stringify(value) ?? '', contentType: 'application/json' });
const form = (value: Record<string, string>): RawBody => ({
  payload: new URLSearchParams(value).toString(),
  contentType: 'application/x-www-form-urlencoded',
});
const slackText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('help', 'declare Disk full', 'declare Disk\u0000full', 'sev1', 'link', 'ack', 'resolve', 'status'),
);
const slackUser = fc.constantFrom('U0FUZZ', 'UNKNOWN', '');

/** Mostly the plausible value, sometimes junk. */
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
const words = fc.string({ minLength: 1, maxLength: 40 });
const textOf = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/**
 * Bodies in the endpoint's own format, for the routes whose bodies no schema describes field by
 * field (the inbound formats get a deeper fuzz of their own in alerts/fuzz.test.ts).
 */
function nativeBody(
  url: string,
  keys: Record<string, string>,
  fieldValues: FieldValues,
): fc.Arbitrary<RawBody> | undefined {
  const key = (real: string | undefined) => (real ? maybe(fc.constant(real)) : junk);
  const record = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
    fc.record(fields, { requiredKeys: [] });
  const payload = record({
    summary: maybe(words),
    source: maybe(words),
    severity: maybe(fc.constantFrom('critical', 'error', 'warning', 'info')),
  });
  const events = keys.events_api;
  const action = maybe(fc.constantFrom('trigger', 'acknowledge', 'resolve'));
  const phrase = maybe(words);
  switch (url) {
    case '/v2/enqueue':
      return record({ routing_key: key(events), event_action: action, dedup_key: phrase, payload: maybe(payload) }).map(
        json,
      );
    case '/v2/change/enqueue':
      return record({ routing_key: key(events), payload: maybe(payload) }).map(json);
    case '/generic/2010-04-15/create_event.json':
      return record({ service_key: key(events), event_type: action, incident_key: phrase, description: phrase }).map(
        json,
      );
    case '/integrations/alertmanager/:key': {
      const alert = record({
        status: maybe(fc.constantFrom('firing', 'resolved')),
        labels: maybe(fc.dictionary(fc.constantFrom('alertname', 'instance', 'severity'), words)),
        annotations: maybe(fc.dictionary(fc.constantFrom('summary', 'description'), words)),
        fingerprint: maybe(fc.stringMatching(/^[0-9a-f]{16}$/)),
      });
      return record({ version: maybe(fc.constant('4')), alerts: maybe(fc.array(alert, { maxLength: 3 })) }).map(json);
    }
    case '/integrations/webhook/:key':
      return record({ id: maybe(words), title: maybe(words) }).map(json);
    case '/integrations/slack/commands':
      return fc
        .record({
          team_id: fc.constantFrom(TEAM, 'T0OTHER'),
          user_id: slackUser,
          channel_id: fc.constantFrom('C0FUZZ', ''),
          text: slackText,
          trigger_id: fc.constantFrom('1.2.3', ''),
        })
        .map(form);
    case '/integrations/slack/interactions':
      return fc
        .record({
          type: maybe(fc.constantFrom('block_actions', 'view_submission', 'shortcut')),
          team: fc.constant({ id: TEAM }),
          user: fc.record({ id: slackUser }),
          actions: junk,
          view: junk,
        })
        .map((p) => form({ payload: JSON.stringify(p) }));
    case '/integrations/slack/events':
      return fc
        .record(
          {
            type: maybe(fc.constantFrom('url_verification', 'event_callback')),
            team_id: fc.constant(TEAM),
            challenge: junk,
            event: junk,
          },
          { requiredKeys: ['type'] },
        )
        .map(json);
    case '/status/subscribe':
    case '/subscribe': {
      const components = fieldValues('componentIds') ?? [];
      return fc
        .record({
          email: maybe(fc.emailAddress()),
          componentIds: maybe(components.length ? fc.constantFrom(...components) : words),
        })
        .map((fields) => form(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, textOf(v)]))));
    }
    default:
      return undefined;
  }
}

/**
 * Path segments no encoder produces: invalid UTF-8, a lone surrogate's bytes, broken escapes. (Not
 * `..`: the URL would then name another route, whose answers this route's checks do not describe.)
 */
const RAW_SEGMENTS = ['%FF', '%ED%A0%80', '%', '%zz', '%C0%AF'];

/** The URL with its parameters encoded (a lone surrogate as U+FFFD), or the first one raw. */
function fill(url: string, params: Record<string, string>, raw: string | null): string {
  let first = true;
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (raw !== null && first) {
      first = false;
      return raw;
    }
    return encodeURIComponent((params[name] ?? '').replace(/\p{Cs}/gu, '\uFFFD'));
  });
}

/**
 * Whether a validation error's field points at something the client can find: a parameter of the
 * route, a field the body may have, or a key the body had (`body.levels.0.targets`, `params.id`,
 * `body.x y` for an unknown key "x y", `timeZone` from a command's own check).
 */
function namesARealPlace(field: string, route: RegisteredRoute, known: Set<string>, sentKeys: Set<string>): boolean {
  const [place, ...rest] = field.split('.');
  const path = ['body', 'params', 'querystring'].includes(place!) ? rest.join('.') : field;
  const first = path.split(/[.[]/)[0]!;
  const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (place === 'params') return params.includes(first);
  return path === '' || known.has(first) || sentKeys.has(path) || sentKeys.has(first) || params.includes(first);
}

/** The top-level field names of a JSON or form body. */
function keysOf(sent: RawBody): string[] {
  const text = String(sent.payload);
  if (sent.contentType === 'application/x-www-form-urlencoded') return [...new URLSearchParams(text).keys()];
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}

function expectClearAnswer(
  route: RegisteredRoute,
  res: LightMyRequestResponse,
  sent: RawBody,
  known: Set<string>,
): void {
  const shown = typeof sent.payload === 'string' ? sent.payload : `<${sent.payload.length} bytes>`;
  const where = `${route.key} answered ${res.statusCode} ${res.body.slice(0, 400)}\nto ${sent.contentType ?? 'no content type'}: ${shown.slice(0, 400)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode < 400) return;
  const type = String(res.headers['content-type'] ?? '');
  const native = NATIVE_FORMATS.find(([pattern]) => pattern.test(route.url))?.[1];
  if (native === 'html' && type.startsWith('text/html')) {
    expect(res.body, where).toMatch(/<h1>[^<]{3,}<\/h1>/);
    return;
  }
  if (native === 'pagerduty' && type.startsWith('application/json')) {
    const answer = res.json() as { status?: unknown; message?: unknown; errors?: unknown };
    expect(
      typeof answer.status === 'string' && typeof answer.message === 'string' && answer.message.length > 5,
      where,
    ).toBe(true);
    if (res.statusCode === 400) expect((answer.errors as string[]).join(' ').length, where).toBeGreaterThan(5);
    return;
  }
  expect(type, where).toContain('application/problem+json');
  const problem = res.json() as {
    status: number;
    title?: string;
    detail?: string;
    code?: string;
    errors?: { field?: string; message?: string }[];
  };
  expect(problem.status, where).toBe(res.statusCode);
  expect(problem.title?.length, where).toBeGreaterThan(2);
  expect(problem.detail?.length, where).toBeGreaterThan(8);
  if (problem.code !== 'validation_failed') return;
  expect(problem.errors?.length, where).toBeGreaterThan(0);
  const sentKeys = new Set(keysOf(sent));
  for (const error of problem.errors ?? []) {
    expect(error.message?.length, where).toBeGreaterThan(2);
    expect(error.field?.length, where).toBeGreaterThan(0);
    // Several unknown keys come as one error: "body.a, body.b".
    for (const field of (error.field ?? '').split(/, (?=body\.)/)) {
      expect(
        namesARealPlace(field, route, known, sentKeys),
        `${where}\nnames "${field}", which is nowhere in the request`,
      ).toBe(true);
    }
  }
}

describeEachDialect('fuzzing every request body', (dialect) => {
  let w: ChatWorld;
  let rows: RealRows;
  /** Secrets that only exist in the clear when created: routing keys by integration kind. */
  const keys: Record<string, string> = {};
  const exclude = new Set<string>();

  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    w = await createChatWorld(dialect);
    // Mail configured, so no feature can honestly answer 503 "not available here".
    smtp = await startSmtp();
    Object.assign(w.t.config, { smtpUrl: smtp.url });
    await runDemoSeeds(w.t, domains);
    // The fuzzing admin and its workspace stay as they are, or later requests would be refused.
    exclude.add(w.admin.id).add(w.workspaceId);
    const service = await w.t.db.selectFrom('services').select('id').executeTakeFirstOrThrow();
    const integrations = {
      events_api: {},
      alertmanager: {},
      webhook: { mapping: { dedupKey: 'id', summary: 'title' } },
      heartbeat: { heartbeatMinutes: 5 },
    };
    for (const [kind, extra] of Object.entries(integrations)) {
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/v1/integrations',
        headers: bearer(w.adminToken),
        payload: { serviceId: service.id, name: `fuzz ${kind}`, kind, ...extra },
      });
      expect(res.statusCode, res.body).toBe(201);
      keys[kind] = res.json().routingKey;
    }
    rows = await findRealRows(w.t.db);
    await rows.preload([...new Set(routes.flatMap((r) => [...fieldNames(schemaOf(r))]))]);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await smtp?.close();
  });

  /** Real values for path parameters that are secrets, which the database holds only as hashes. */
  async function secretParams(route: RegisteredRoute): Promise<Record<string, string>[]> {
    const kind = /^\/integrations\/(alertmanager|webhook|heartbeat)\/:key$/.exec(route.url)?.[1];
    if (kind) return [{ key: keys[kind]! }];
    if (route.url === '/p/:token') {
      const sent = await w.t.db
        .selectFrom('notifications')
        .select('id')
        .where('page_id', 'is not', null)
        .limit(3)
        .execute();
      const expiresAt = w.t.clock.now() + 3_600_000;
      return sent.map((n) => ({ token: signLink(w.t.secretKey, { notificationId: n.id, action: 'ack', expiresAt }) }));
    }
    return [];
  }

  async function statusHostHeader(): Promise<Record<string, string>> {
    const res = await w.app.inject({
      method: 'PATCH',
      url: '/api/v1/status/settings',
      headers: bearer(w.adminToken),
      payload: { statusHost: STATUS_HOST },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { host: STATUS_HOST };
  }

  // What the fuzzer found once, kept as plain examples so they never come back unnoticed.
  describe('answers the fuzzer once got wrong', () => {
    const call = (method: string, url: string, payload?: unknown) =>
      w.app.inject({
        method: method as 'POST',
        url,
        headers: bearer(w.adminToken),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const problemOf = (res: LightMyRequestResponse) => {
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json() as { code: string; errors?: { field: string }[] };
    };

    it('refuses a NUL in a path, a query or a body with 400 naming where (PostgreSQL answered 500)', async () => {
      const inPath = await call('GET', '/api/v1/teams/%00');
      expect(inPath.statusCode).toBe(400);
      expect(problemOf(inPath).errors).toEqual([{ field: 'params.id', message: expect.stringContaining('NUL') }]);
      const inBody = await call('POST', '/api/v1/teams', { name: 'Data\u0000base' });
      expect(inBody.statusCode).toBe(400);
      expect(problemOf(inBody).errors?.map((e) => e.field)).toEqual(['body.name']);
    });

    it('keeps an alert with a NUL in it, as U+FFFD', async () => {
      const res = await w.app.inject({
        method: 'POST',
        url: '/v2/enqueue',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          routing_key: keys.events_api,
          event_action: 'trigger',
          dedup_key: 'nul\u0000key',
          payload: { summary: 'Disk\u0000full', source: 'db-1', severity: 'error' },
        }),
      });
      expect(res.statusCode, res.body).toBe(202);
      const stored = await w.t.db
        .selectFrom('alerts')
        .select(['summary'])
        .where('dedup_key', '=', 'nul\uFFFDkey')
        .execute();
      expect(stored).toEqual([{ summary: 'Disk\uFFFDfull' }]);
    });

    it('keeps a Slack command with a NUL in it, as U+FFFD', async () => {
      await w.linkedPerson('U0NUL');
      const res = await w.slash('U0NUL', 'declare sev2 Zebra queue\u0000 stuck');
      expect(res.statusCode, res.body).toBe(200);
      const incident = await w.t.db
        .selectFrom('incidents')
        .select('title')
        .where('title', 'like', 'Zebra queue%')
        .executeTakeFirst();
      expect(incident?.title).toBe('Zebra queue\uFFFD stuck');
    });

    it('answers an Alertmanager notification whose version is an object with 400, not 500', async () => {
      const res = await w.app.inject({
        method: 'POST',
        url: `/integrations/alertmanager/${keys.alertmanager}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ version: { toString: {} }, alerts: [] }),
      });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['version']);
    });

    it("answers a URL with a broken %-escape with problem+json, not Fastify's own JSON", async () => {
      const res = await call('PATCH', '/api/v1/teams/%FF', { name: 'x' });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).code).toBe('bad_url');
    });

    it('refuses a public incident listing one component twice with 400, not a 500 from the database', async () => {
      const [incident] = await w.t.db
        .selectFrom('incidents')
        .select('id')
        .where('status', '!=', 'resolved')
        .limit(1)
        .execute();
      const [component] = await w.t.db.selectFrom('status_components').select('id').limit(1).execute();
      const res = await call('POST', '/api/v1/status/incidents', {
        incidentId: incident!.id,
        name: 'Checkout is slow',
        body: 'We are looking into it.',
        components: [
          { componentId: component!.id, status: 'degraded_performance' },
          { componentId: component!.id, status: 'major_outage' },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['body.components.1.componentId']);
    });

    it('names the address, not "input", when an admin adds an invalid email subscriber', async () => {
      const res = await call('POST', '/api/v1/status/subscribers', { kind: 'email', address: 'not-an-email' });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(['address']);
    });
  });

  it.each(routes.map((r) => [r.key, r] as const))('%s', { timeout: 120_000 }, async (_key, route) => {
    const schema = schemaOf(route);
    const known = fieldNames(schema);
    const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const real = [...(await secretParams(route)), ...(await rows.paramSets(route.url, exclude))];
    const randomParams = fc.record(
      Object.fromEntries(
        paramNames.map((p) => [
          p,
          fc.oneof(
            fc.uuid(),
            fc.constantFrom(...HOSTILE.filter(Boolean)),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
          ),
        ]),
      ),
    );
    const params = real.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: randomParams })
      : randomParams;
    const pinned = { apiUrl: w.fake.apiUrl };
    const shaped =
      nativeBody(route.url, keys, rows.fieldValues) ??
      (schema ? bodyFromSchema(schema, { fieldValues: rows.fieldValues, pinned }).map(json) : undefined);
    const body = fc.oneof(
      ...(shaped ? [{ weight: 4, arbitrary: shaped }] : []),
      { weight: 1, arbitrary: fc.jsonValue().map(json) },
      { weight: 2, arbitrary: rawBody([...known]) },
    );
    const raw = paramNames.length
      ? fc.oneof(
          { weight: 7, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
        )
      : fc.constant(null);
    const signedIn = route.access === 'public' ? fc.boolean() : fc.constant(true);
    const host = route.onStatusHost ? await statusHostHeader() : {};
    const slack = route.url.startsWith('/integrations/slack/') && route.url !== '/integrations/slack/link';

    await fc.assert(
      fc.asyncProperty(params, raw, body, signedIn, fc.boolean(), async (p, rawSegment, sent, asAdmin, sign) => {
        const headers: Record<string, string> = { ...host, ...(asAdmin ? bearer(w.adminToken) : {}) };
        if (sent.contentType) headers['content-type'] = sent.contentType;
        if (slack && sign) {
          const ts = String(Math.floor(w.t.clock.now() / 1000));
          headers['x-slack-request-timestamp'] = ts;
          headers['x-slack-signature'] = slackSignature(SIGNING_SECRET, ts, String(sent.payload));
        }
        const res = await w.app.inject({
          method: route.method as 'POST',
          url: fill(route.url, p, rawSegment),
          headers,
          payload: sent.payload,
          remoteAddress: nextIp(),
        });
        expectClearAnswer(route, res, sent, known);
      }),
      { numRuns: RUNS },
    );
    const health = await w.app.inject({ method: 'GET', url: '/readyz' });
    expect(health.statusCode).toBe(200);
  });
});
