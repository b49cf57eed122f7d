import type { CreateIntegrationInput, IntegrationWithKey } from '@firebreak/shared';
import type { LightMyRequestResponse } from 'fastify';
import type { Dialect } from '../../src/core/db/database.js';
import type { JobHandler } from '../../src/core/scheduler/jobs.model.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { alertsModule, type IngestQueueOptions, ingestQueueFor } from '../../src/domains/alerts/index.js';
import { domains } from '../../src/domains/index.js';
import { type App, buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildService, buildUser, tokenFor } from '../factories.js';
import { createTestContext, type TestContext } from '../harness.js';

// Shared set-up for the alerts suites: an app, a scheduler run by hand on the fake clock, a person
// with an API token, and services with (or without) an escalation policy to page through.

export type World = {
  t: TestContext;
  app: App;
  scheduler: Scheduler;
  admin: BuiltUser;
  token: string;
  call(method: string, url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse>;
  /** POST a raw JSON value (or text) to an inbound endpoint, without a token. */
  post(url: string, body: unknown): Promise<LightMyRequestResponse>;
  /** Runs every job due now, repeatedly, until none is left. */
  run(): Promise<number>;
  /** Moves the fake clock by `seconds` and runs what became due. */
  advance(seconds: number): Promise<void>;
  /** A service whose escalation policy pages `person` (so alert groups really page). */
  pagedService(): Promise<{ serviceId: string; person: BuiltUser }>;
  integration(input: Omit<CreateIntegrationInput, 'serviceId'> & { serviceId?: string }): Promise<IntegrationWithKey>;
  close(): Promise<void>;
};

export function allJobHandlers(): Record<string, JobHandler> {
  return Object.assign({}, ...domains.map((d) => d.jobs ?? {}));
}

export async function createWorld(dialect: Dialect, options: { queue?: IngestQueueOptions } = {}): Promise<World> {
  const t = await createTestContext(dialect);
  if (options.queue) ingestQueueFor(t, options.queue);
  const app = await buildApp(t);
  alertsModule.subscribe?.(t);
  const scheduler = new Scheduler({ ctx: t, handlers: allJobHandlers(), concurrency: 8 });
  const admin = await buildUser(t, { role: 'admin', contactEmail: false });
  const token = await tokenFor(t, admin);
  const world: World = {
    t,
    app,
    scheduler,
    admin,
    token,
    call: (method, url, body, as = token) =>
      app.inject({ method: method as 'GET', url, payload: body as object, headers: bearer(as) }),
    post: (url, body) =>
      app.inject({
        method: 'POST',
        url,
        payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    async run() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        // Listeners of domain events (a page acknowledged → its group) run after commit; let them finish.
        await new Promise((resolve) => setImmediate(resolve));
        const n = await scheduler.runDue();
        total += n;
        if (n === 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          if ((await scheduler.runDue()) === 0) return total;
        }
      }
      throw new Error('jobs keep becoming due: a loop?');
    },
    async advance(seconds) {
      await t.clock.advance(seconds * 1000);
      await world.run();
    },
    async pagedService() {
      const person = await buildUser(t, { contactEmail: false });
      const policy = await world.call('POST', '/api/v1/escalation-policies', {
        name: `Policy ${Math.random().toString(36).slice(2)}`,
        repeat: 0,
        levels: [{ targets: [{ kind: 'user', id: person.id }], delayMinutes: 10 }],
      });
      if (policy.statusCode !== 201) throw new Error(`policy: ${policy.body}`);
      const service = await buildService(t);
      const set = await world.call('PUT', `/api/v1/escalation-policies/services/${service.id}`, {
        policyId: policy.json().policy.id,
      });
      if (set.statusCode >= 300) throw new Error(`service policy: ${set.body}`);
      return { serviceId: service.id, person };
    },
    async integration(input) {
      const serviceId = input.serviceId ?? (await world.pagedService()).serviceId;
      const res = await world.call('POST', '/api/v1/integrations', { ...input, serviceId });
      if (res.statusCode !== 201) throw new Error(`integration: ${res.body}`);
      return res.json() as IntegrationWithKey;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
  return world;
}

/** A PagerDuty Events API v2 trigger. */
export function trigger(routingKey: string, dedupKey: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    ...(dedupKey ? { dedup_key: dedupKey } : {}),
    payload: { summary: `Disk full on ${dedupKey ?? 'db-1'}`, source: 'db-1', severity: 'critical', ...overrides },
  };
}

export async function alertsOf(w: World, integrationId: string) {
  return w.t.db.selectFrom('alerts').selectAll().where('integration_id', '=', integrationId).orderBy('id').execute();
}

export async function groupsOf(w: World, serviceId: string) {
  return w.t.db.selectFrom('alert_groups').selectAll().where('service_id', '=', serviceId).orderBy('id').execute();
}

export async function pagesOf(w: World, serviceId: string) {
  return w.t.db.selectFrom('pages').selectAll().where('service_id', '=', serviceId).orderBy('id').execute();
}
