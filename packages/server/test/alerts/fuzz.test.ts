import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { createWorld, type World } from './helpers.js';

// Every inbound format, fed random and half-valid bodies: never a 5xx, always a clear 2xx or 4xx.

const RUNS = Number(process.env.FIREBREAK_FUZZ_RUNS ?? 60);
const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined));

/** A mostly-plausible value for a field: right type, wrong type, or missing. */
const fieldOr = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: anyValue });

const payload = fc.record(
  {
    summary: fieldOr(fc.string({ maxLength: 50 })),
    source: fieldOr(fc.string({ maxLength: 20 })),
    severity: fieldOr(fc.constantFrom('critical', 'error', 'warning', 'info', 'fatal')),
    timestamp: fieldOr(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
    ),
    component: fieldOr(fc.string()),
    group: fieldOr(fc.string()),
    class: fieldOr(fc.string()),
    custom_details: anyValue,
  },
  { requiredKeys: [] },
);

const linkList = fieldOr(
  fc.array(fc.record({ href: fieldOr(fc.webUrl()), text: fieldOr(fc.string()) }, { requiredKeys: [] }), {
    maxLength: 3,
  }),
);

function expectClearAnswer(res: LightMyRequestResponse, body: unknown): void {
  const context = `${res.statusCode} for ${JSON.stringify(body)?.slice(0, 300)}: ${res.body.slice(0, 300)}`;
  expect(res.statusCode, context).toBeLessThan(500);
  expect([200, 202, 400, 404, 413, 429], context).toContain(res.statusCode);
  const answer = res.json();
  if (res.statusCode >= 400) {
    const message = answer.errors?.length ? answer.errors.join(' ') : (answer.detail ?? answer.message);
    expect(typeof message === 'string' && message.length > 5, context).toBe(true);
  }
}

describeEachDialect('alerts: fuzzed inbound formats', (dialect) => {
  let w: World;
  let key: string;
  let amPath: string;
  let hookPath: string;
  beforeAll(async () => {
    w = await createWorld(dialect);
    const { serviceId } = await w.pagedService();
    key = (await w.integration({ serviceId, name: 'fuzz', kind: 'events_api' })).routingKey;
    amPath = new URL((await w.integration({ serviceId, name: 'fuzz am', kind: 'alertmanager' })).url).pathname;
    hookPath = new URL(
      (
        await w.integration({
          serviceId,
          name: 'fuzz hook',
          kind: 'webhook',
          mapping: { alertsPath: 'items', dedupKey: 'id', summary: 'title', severity: 'level', status: 'state' },
        })
      ).url,
    ).pathname;
  });
  afterAll(() => w.close());

  const send = async (url: string, body: unknown) => {
    const res = await w.post(url, body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
    expectClearAnswer(res, body);
    return res;
  };

  it('Events API v2', { timeout: 120_000 }, async () => {
    const event = fc.record(
      {
        routing_key: fc.oneof({ weight: 4, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: anyValue }),
        event_action: fieldOr(fc.constantFrom('trigger', 'acknowledge', 'resolve', 'explode')),
        dedup_key: fieldOr(fc.string({ maxLength: 300 })),
        payload: fieldOr(payload),
        links: linkList,
        images: fieldOr(fc.array(fc.record({ src: fieldOr(fc.webUrl()) }, { requiredKeys: [] }), { maxLength: 2 })),
        client: fieldOr(fc.string()),
        client_url: fieldOr(fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: event }, { weight: 1, arbitrary: fc.jsonValue() }),
        async (body) => {
          await send('/v2/enqueue', body);
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const res = await w.app.inject({
          method: 'POST',
          url: '/v2/enqueue',
          payload: Buffer.from(bytes),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(400);
      }),
      { numRuns: RUNS },
    );
  });

  it('change events and Events API v1', { timeout: 120_000 }, async () => {
    const change = fc.record(
      { routing_key: fc.oneof(fc.constant(key), anyValue), payload: fieldOr(payload), links: linkList },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(change, async (body) => {
        await send('/v2/change/enqueue', body);
      }),
      { numRuns: RUNS },
    );
    const v1 = fc.record(
      {
        service_key: fc.oneof(fc.constant(key), anyValue),
        event_type: fieldOr(fc.constantFrom('trigger', 'acknowledge', 'resolve')),
        incident_key: fieldOr(fc.string()),
        description: fieldOr(fc.string()),
        details: anyValue,
        contexts: fieldOr(
          fc.array(
            fc.record(
              {
                type: fieldOr(fc.constantFrom('link', 'image')),
                href: fieldOr(fc.webUrl()),
                src: fieldOr(fc.webUrl()),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(v1, async (body) => {
        await send('/generic/2010-04-15/create_event.json', body);
      }),
      { numRuns: RUNS },
    );
  });

  it('Alertmanager / Grafana webhooks and generic webhooks', { timeout: 120_000 }, async () => {
    const labels = fc.dictionary(
      fc.constantFrom('alertname', 'instance', 'severity', 'job', '__proto__', 'x'),
      fieldOr(
        fc.oneof(fc.string(), fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'critical')),
      ),
    );
    const amAlert = fc.record(
      {
        status: fieldOr(fc.constantFrom('firing', 'resolved')),
        labels: fieldOr(labels),
        annotations: fieldOr(labels),
        startsAt: fieldOr(
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constant('0001-01-01T00:00:00Z'),
          ),
        ),
        endsAt: fieldOr(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
        fingerprint: fieldOr(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 16 })),
        generatorURL: fieldOr(fc.webUrl()),
        valueString: anyValue,
        dashboardURL: anyValue,
      },
      { requiredKeys: [] },
    );
    const notification = fc.record(
      {
        version: fieldOr(fc.constantFrom('4', '1')),
        groupKey: fieldOr(fc.string()),
        alerts: fieldOr(fc.array(amAlert, { maxLength: 5 })),
        externalURL: anyValue,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: notification }, { weight: 1, arbitrary: fc.jsonValue() }),
        async (body) => {
          await send(amPath, body);
        },
      ),
      { numRuns: RUNS },
    );
    const item = fc.record(
      {
        id: fieldOr(fc.oneof(fc.string(), fc.integer())),
        title: fieldOr(fc.string()),
        level: anyValue,
        state: fieldOr(fc.constantFrom('ok', 'alerting', 'acknowledged')),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ items: fieldOr(fc.array(item, { maxLength: 4 })) }, { requiredKeys: [] }), fc.jsonValue()),
        async (body) => {
          await send(hookPath, body);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
