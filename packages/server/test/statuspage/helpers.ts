import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Dialect } from '../../src/core/db/database.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { incidentJobs } from '../../src/domains/incidents/incidents.jobs.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { statuspageModule } from '../../src/domains/statuspage/index.js';
import { buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, type TestContext } from '../harness.js';

export const viewerOf = (user: BuiltUser): Viewer => ({ userId: user.id, name: user.name, role: user.role });

/** A hostile title: every public surface must show it as text. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quotes'`;

export type Setup = {
  t: TestContext;
  app: FastifyInstance;
  admin: BuiltUser;
  responder: BuiltUser;
  /** Calls the API as `who` (admin by default). */
  api(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    who?: BuiltUser,
  ): Promise<ReturnType<FastifyInstance['inject']> extends Promise<infer R> ? R : never>;
  close(): Promise<void>;
};

/** A test context, the app, an admin and a responder with tokens, and the domain's event subscriptions. */
export async function setup(
  dialect: Dialect,
  options: { smtpUrl?: string; databaseUrl?: boolean } = {},
): Promise<Setup> {
  const t = await createTestContext(dialect);
  t.config = {
    ...t.config,
    smtpUrl: options.smtpUrl,
    databaseUrl: options.databaseUrl ? t.database.url : undefined,
  };
  statuspageModule.subscribe?.(t);
  const app = await buildApp(t);
  const admin = await buildUser(t, { role: 'admin' });
  const responder = await buildUser(t, { role: 'responder' });
  const tokens = new Map([
    [admin.id, await tokenFor(t, admin)],
    [responder.id, await tokenFor(t, responder)],
  ]);
  return {
    t,
    app,
    admin,
    responder,
    api: async (method, url, body, who = admin) => {
      let token = tokens.get(who.id);
      if (!token) {
        token = await tokenFor(t, who);
        tokens.set(who.id, token);
      }
      return app.inject({
        method,
        url,
        headers: bearer(token),
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

/** Runs every due job of the status page and incidents domains through the real scheduler. */
export function runDueJobs(t: TestContext): Promise<number> {
  return new Scheduler({ ctx: t, handlers: { ...incidentJobs, ...statuspageModule.jobs } }).runDue();
}

/** Runs due jobs until none is left due (fan-out queues deliveries). */
export async function drainJobs(t: TestContext): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await runDueJobs(t)) === 0) return;
}

export async function declare(
  t: TestContext,
  by: BuiltUser,
  overrides: Partial<Parameters<typeof declareIncident>[2]> = {},
) {
  const { incident } = await declareIncident(t, viewerOf(by), {
    title: 'Checkout is failing',
    severity: 'sev2',
    ...overrides,
  });
  return incident;
}

export type Mail = { to: string[]; data: string };

/** A real SMTP server on loopback collecting every message, with quoted-printable bodies decoded. */
export async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: decodeQuotedPrintable(Buffer.concat(chunks).toString('latin1')),
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

const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Creates a component through the admin API. */
export async function component(s: Setup, body: Record<string, unknown>) {
  const res = await s.api('POST', '/api/v1/status/components', body);
  if (res.statusCode !== 201) throw new Error(`component: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string };
}
