import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitItems, IngestOverloaded, IngestQueue, ingestQueueFor } from '../../src/domains/alerts/index.js';
import { inboundAlert } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, trigger, type World } from './helpers.js';

const alert = (key: string) => inboundAlert(key);

describeEachDialect('alerts: the ingest queue (group commit)', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect, { queue: { maxQueuedEvents: 20 } });
  });
  afterAll(() => w.close());

  it('answers 429 with Retry-After when more arrives than it can commit, and keeps every accepted event', async () => {
    const integration = await w.integration({ name: 'flood', kind: 'events_api' });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => w.post('/v2/enqueue', trigger(integration.routingKey, `flood-${i}`))),
    );
    const accepted = answers.filter((a) => a.statusCode === 202);
    const throttled = answers.filter((a) => a.statusCode === 429);
    expect(accepted.length + throttled.length).toBe(200);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]!.headers['retry-after']).toBe('1');
    expect(throttled[0]!.json()).toMatchObject({ status: 'throttle event' });
    const stored = await alertsOf(w, integration.id);
    expect(stored.map((a) => a.dedup_key).sort()).toEqual(accepted.map((a) => a.json().dedup_key as string).sort());
    expect(ingestQueueFor(w.t).stats.refused).toBe(throttled.length);
  });

  it('batches concurrent items into few transactions, never splits an item, and resolves each after its commit', async () => {
    const integration = await w.integration({ name: 'batches', kind: 'events_api', groupWindowSeconds: 0 });
    const queue = new IngestQueue(w.t, { maxBatchEvents: 500, maxQueuedEvents: 100_000 });
    const target = { integrationId: integration.id };
    const singles = Array.from({ length: 1200 }, (_, i) =>
      queue.submit({ kind: 'alerts', target, alerts: [alert(`s-${i}`)] }),
    );
    const big = queue.submit({
      kind: 'alerts',
      target,
      alerts: Array.from({ length: 800 }, (_, i) => alert(`b-${i}`)),
    });
    const outcomes = await Promise.all([...singles, big]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(queue.stats).toMatchObject({ events: 2000, items: 1201, refused: 0 });
    expect(queue.stats.batches).toBeGreaterThanOrEqual(4); // ≤ 500 events each, and the 800 alone
    expect(queue.stats.batches).toBeLessThanOrEqual(6);
    expect(await alertsOf(w, integration.id)).toHaveLength(2000);
    // Refused once closed; what was waiting was committed first.
    const waiting = queue.submit({ kind: 'alerts', target, alerts: [alert('last')] });
    await queue.close();
    expect((await waiting).ok).toBe(true);
    await expect(queue.submit({ kind: 'alerts', target, alerts: [alert('late')] })).rejects.toBeInstanceOf(
      IngestOverloaded,
    );
  });

  it('answers an unknown key per item without failing the others in its transaction', async () => {
    const integration = await w.integration({ name: 'mixed', kind: 'events_api' });
    const outcomes = await commitItems(w.t, [
      { kind: 'alerts', target: { keyHash: 'not-a-key' }, alerts: [alert('x')] },
      { kind: 'alerts', target: { integrationId: integration.id }, alerts: [alert('y')] },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect((await alertsOf(w, integration.id)).map((a) => a.dedup_key)).toEqual(['y']);
  });
});
