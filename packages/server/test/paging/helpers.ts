import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../src/core/context.js';
import type { Dialect } from '../../src/core/db/database.js';
import type { JobHandler } from '../../src/core/scheduler/jobs.model.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { domains } from '../../src/domains/index.js';
import { signingOwnerOf } from '../../src/domains/paging/webhook-signing.js';
import { type App, buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildService, buildUser, tokenFor } from '../factories.js';
import { createTestContext, type TestContext } from '../harness.js';

// Shared set-up for the paging suites: an app, a scheduler driven by hand on the fake clock, and
// real loopback peers (an HTTP recorder, an SMTP server) for the channels.

export type World = {
  t: TestContext;
  app: App;
  scheduler: Scheduler;
  admin: BuiltUser;
  adminToken: string;
  call(method: string, url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse>;
  /** Runs every job due now, repeatedly, until none is left. */
  run(): Promise<number>;
  /** Moves the fake clock and runs what became due. */
  advance(minutes: number): Promise<void>;
  close(): Promise<void>;
};

export function allJobHandlers(): Record<string, JobHandler> {
  return Object.assign({}, ...domains.map((d) => d.jobs ?? {}));
}

export async function createWorld(
  dialect: Dialect,
  overrides: (ctx: TestContext) => Partial<AppContext> = () => ({}),
): Promise<World> {
  const base = await createTestContext(dialect);
  const t = Object.assign(base, overrides(base)) as TestContext;
  const app = await buildApp(t);
  const scheduler = new Scheduler({ ctx: t, handlers: allJobHandlers(), concurrency: 8 });
  const admin = await buildUser(t, { role: 'admin', contactEmail: false });
  const adminToken = await tokenFor(t, admin);
  const world: World = {
    t,
    app,
    scheduler,
    admin,
    adminToken,
    call: (method, url, body, token = adminToken) =>
      app.inject({ method: method as 'GET', url, payload: body as object, headers: bearer(token) }),
    async run() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const n = await scheduler.runDue();
        total += n;
        if (n === 0) return total;
      }
      throw new Error('jobs keep becoming due: a loop?');
    },
    async advance(minutes) {
      await t.clock.advance(minutes * 60_000);
      await world.run();
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
  return world;
}

export async function person(w: World, name: string, methods: { kind: string; address: string }[] = []) {
  const user = await buildUser(w.t, { name, contactEmail: false });
  const ids: string[] = [];
  for (const m of methods) {
    const res = await w.call('POST', `/api/v1/users/${user.id}/contact-methods`, {
      kind: m.kind,
      label: m.kind,
      address: m.address,
    });
    if (res.statusCode !== 201) throw new Error(`contact method: ${res.body}`);
    ids.push(res.json().id);
  }
  return { ...user, methodIds: ids, token: await tokenFor(w.t, user, 'write') };
}

export async function policyFor(
  w: World,
  levels: { userIds: string[]; delayMinutes: number }[],
  repeat = 0,
): Promise<{ policyId: string; serviceId: string }> {
  const res = await w.call('POST', '/api/v1/escalation-policies', {
    name: `Policy ${Math.random().toString(36).slice(2)}`,
    repeat,
    levels: levels.map((l) => ({
      targets: l.userIds.map((id) => ({ kind: 'user', id })),
      delayMinutes: l.delayMinutes,
    })),
  });
  if (res.statusCode !== 201) throw new Error(`policy: ${res.body}`);
  const policyId = res.json().policy.id as string;
  const service = await buildService(w.t);
  const set = await w.call('PUT', `/api/v1/escalation-policies/services/${service.id}`, { policyId });
  if (set.statusCode >= 300) throw new Error(`service policy: ${set.body}`);
  return { policyId, serviceId: service.id };
}

export async function stepsOf(w: World, pageId: string) {
  return w.t.db.selectFrom('page_steps').selectAll().where('page_id', '=', pageId).orderBy('step').execute();
}

export async function notificationsOf(w: World, pageId: string) {
  return w.t.db
    .selectFrom('notifications')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

export type Recorded = { path: string; method: string; headers: IncomingHttpHeaders; body: string; at: number };

/** A real HTTP server on loopback that records every request and answers as `respond` says. */
export async function startRecorder(
  respond: (
    req: Recorded,
    index: number,
  ) => { status: number; headers?: Record<string, string>; body?: string } = () => ({
    status: 200,
  }),
  clock?: { now(): number },
) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Recorded = {
        path: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: clock?.now() ?? 0,
      };
      requests.push(rec);
      const answer = respond(rec, requests.length - 1);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Verifies `Firebreak-Signature` the way the README tells receivers to: any one `v1` may match. */
export function verifySignature(secret: string, header: string | undefined, body: string): boolean {
  const parts = (header ?? '').split(',').map((p) => p.split('=') as [string, string]);
  const t = parts.find(([k]) => k === 't')?.[1];
  if (!t) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some(([k, v]) => k === 'v1' && v === expected);
}

/** The secret a webhook contact method signs with before its first rotation. */
export const signingSecret = (ctx: AppContext, contactMethodId: string) =>
  signingOwnerOf(ctx.secretKey, contactMethodId).derived;

export type Mail = { from: string; to: string[]; data: string };

/** A real SMTP server on loopback (no STARTTLS, no auth) collecting every message. */
export async function startSmtp(options: { rejectRecipient?: (address: string) => boolean } = {}) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const err = new Error('mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
