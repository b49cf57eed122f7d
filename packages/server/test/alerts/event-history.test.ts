import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB_SWEEP_EVENTS } from '../../src/domains/alerts/alerts.model.js';
import { listEventsOfAlert, sweepOrphanEvents } from '../../src/domains/alerts/alerts.repo.js';
import { commitItems } from '../../src/domains/alerts/index.js';
import { buildService, inboundAlert } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, trigger, type World } from './helpers.js';

// Alert events are only appended (no index on alert_id): an alert's history is the chain of
// `prev_id` links from its `last_event_id`, and the events of deleted alerts are swept by a job.

describeEachDialect('alert event history', (dialect) => {
  let w: World;

  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(async () => {
    await w?.close();
  });

  const eventsOf = (alertIds: string[]) =>
    alertIds.length
      ? w.t.db.selectFrom('alert_events').select(['id', 'alert_id']).where('alert_id', 'in', alertIds).execute()
      : Promise.resolve([]);
  const alertIdsOf = async (integrationId: string) =>
    (await w.t.db.selectFrom('alerts').select('id').where('integration_id', '=', integrationId).execute()).map(
      (r) => r.id,
    );

  it("shows an alert's own events, newest first, across requests and within one transaction", async () => {
    const service = await buildService(w.t);
    const integration = await w.integration({ serviceId: service.id, name: 'history', kind: 'events_api' });
    const send = async (body: unknown) => {
      const res = await w.post('/v2/enqueue', body);
      expect(res.statusCode, res.body).toBe(202);
      await w.t.clock.advance(1000);
    };
    await send(trigger(integration.routingKey, 'disk', { summary: 'disk 1' }));
    await send(trigger(integration.routingKey, 'cpu', { summary: 'cpu 1' }));
    await send(trigger(integration.routingKey, 'disk', { summary: 'disk 2' }));
    // Three events of the two alerts in one transaction, interleaved.
    await commitItems(w.t, [
      {
        kind: 'alerts',
        target: { integrationId: integration.id },
        alerts: [
          inboundAlert('cpu', { summary: 'cpu 2', details: '{"n":2}' }),
          inboundAlert('disk', { summary: 'disk 3', details: '{"n":3}' }),
          inboundAlert('cpu', { summary: 'cpu 3', details: '{"n":3}' }),
        ],
      },
    ]);
    await w.t.clock.advance(1000);
    await send({ routing_key: integration.routingKey, event_action: 'acknowledge', dedup_key: 'disk' });

    const [disk, cpu] = await Promise.all(
      ['disk', 'cpu'].map((key) =>
        w.t.db
          .selectFrom('alerts')
          .select('id')
          .where('integration_id', '=', integration.id)
          .where('dedup_key', '=', key)
          .executeTakeFirstOrThrow(),
      ),
    );
    const shown = async (id: string) => {
      const res = await w.call('GET', `/api/v1/alerts/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().events as { action: string; summary: string }[]).map((e) => `${e.action} ${e.summary}`);
    };
    expect(await shown(disk!.id)).toEqual(['acknowledge ', 'trigger disk 3', 'trigger disk 2', 'trigger disk 1']);
    expect(await shown(cpu!.id)).toEqual(['trigger cpu 3', 'trigger cpu 2', 'trigger cpu 1']);
    expect((await listEventsOfAlert(w.t.db, disk!.id, 2)).map((e) => e.summary)).toEqual(['', 'disk 3']);
  });

  it('sweeps the events of alerts whose integration or service was deleted, and only those', async () => {
    const services = await Promise.all([1, 2, 3].map(() => buildService(w.t)));
    const integrations = [];
    for (const [i, service] of services.entries()) {
      const integration = await w.integration({ serviceId: service.id, name: `sweep ${i}`, kind: 'events_api' });
      integrations.push(integration);
      for (let n = 0; n < 4; n++) {
        const res = await w.post('/v2/enqueue', trigger(integration.routingKey, `key-${n % 2}`, { summary: `n${n}` }));
        expect(res.statusCode, res.body).toBe(202);
      }
    }
    const [first, second, third] = await Promise.all(integrations.map((i) => alertIdsOf(i.id)));
    expect((await eventsOf([...first!, ...second!, ...third!])).length).toBe(12);

    // The integration goes (its alerts with it), and a job sweeps their events.
    expect((await w.call('DELETE', `/api/v1/integrations/${integrations[0]!.id}`)).statusCode).toBe(204);
    expect(await eventsOf(first!)).toHaveLength(4);
    await w.run();
    expect(await eventsOf(first!)).toHaveLength(0);
    expect(await eventsOf([...second!, ...third!])).toHaveLength(8);

    // A service goes: the same job, enqueued by its `service.deleted`. Swept here by hand in chunks
    // of three events, the way the job walks a large table.
    expect((await w.call('DELETE', `/api/v1/services/${services[1]!.id}`)).statusCode).toBe(204);
    const queued = await w.t.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', JOB_SWEEP_EVENTS)
      .where('status', '=', 'pending')
      .execute();
    expect(queued).toHaveLength(1);
    let steps = 0;
    for (let after: string | null = ''; after !== null; steps++) after = await sweepOrphanEvents(w.t.db, after, 3);
    expect(steps).toBeGreaterThan(4); // every chunk up to the end of the table, not just the first
    expect(await eventsOf(second!)).toHaveLength(0);
    expect(await eventsOf(third!)).toHaveLength(4);
    await w.run();
    expect(await eventsOf(third!)).toHaveLength(4);
    const listed = await w.call('GET', `/api/v1/alerts/${third![0]}`);
    expect(listed.json().events).toHaveLength(2);
  });
});
