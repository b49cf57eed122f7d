import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.js';
import { onJobsChanged } from '../../src/core/scheduler/wakeup.js';
import { IngestQueue } from '../../src/domains/alerts/index.js';
import { inboundAlert } from '../factories.js';
import { createWorld, type World } from './helpers.js';

// On a SQLite file the ingest queue commits on a thread of its own (ingest/commit-thread.ts). What
// that must not change: every answer after the commit, the domain events and scheduler wake-ups on
// the event loop, one bad item failing alone; and what it is for: the event loop keeps serving
// while the thread commits, and the event loop's own writes neither fail nor block meanwhile.

const alert = (key: string, detail = '') => inboundAlert(key, detail ? { details: JSON.stringify({ detail }) } : {});

describe('alerts: the ingest thread (SQLite)', () => {
  let w: World;
  let queue: IngestQueue;
  beforeAll(async () => {
    w = await createWorld('sqlite');
    queue = new IngestQueue(w.t, { maxQueuedEvents: 100_000 });
  });
  afterAll(async () => {
    await queue.close();
    await w.close();
  });

  it('emits the domain events and wakes the schedulers on the event loop, after the commit', async () => {
    const integration = await w.integration({ name: 'events', kind: 'events_api' });
    const opened: string[] = [];
    const stopEvents = w.t.events.on('alert-group.opened', ({ groupId }) => {
      opened.push(groupId);
    });
    let woken = 0;
    const stopWake = onJobsChanged(() => woken++);
    const outcome = await queue.submit({
      kind: 'alerts',
      target: { integrationId: integration.id },
      alerts: [alert('disk-full')],
    });
    stopEvents();
    stopWake();
    expect(outcome.ok).toBe(true);
    const group = await w.t.db
      .selectFrom('alert_groups')
      .select('id')
      .where('integration_id', '=', integration.id)
      .executeTakeFirstOrThrow();
    expect(opened).toEqual([group.id]);
    // The group's page job was written by the thread; the schedulers here heard of it.
    expect(woken).toBeGreaterThan(0);
  });

  it('fails a bad item alone; the others in its transaction are stored', async () => {
    const integration = await w.integration({ name: 'one-bad', kind: 'events_api' });
    const target = { integrationId: integration.id };
    const good = Array.from({ length: 20 }, (_, i) =>
      queue.submit({ kind: 'alerts', target, alerts: [alert(`g-${i}`)] }),
    );
    // A change event without a summary breaks a NOT NULL column: only the database can tell.
    const bad = queue.submit({
      kind: 'change',
      target,
      change: { summary: null as never, source: null, occurredAt: null, details: null, links: [] },
    });
    await expect(bad).rejects.toThrow(/NOT NULL/);
    const outcomes = await Promise.all(good);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stored = await w.t.db
      .selectFrom('alerts')
      .select('dedup_key')
      .where('integration_id', '=', integration.id)
      .execute();
    expect(stored).toHaveLength(20);
  });

  it('keeps the event loop serving while it commits a large batch', async () => {
    const integration = await w.integration({ name: 'storm', kind: 'events_api', groupWindowSeconds: 0 });
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    const outcome = await queue.submit({
      kind: 'alerts',
      target: { integrationId: integration.id },
      alerts: Array.from({ length: 5_000 }, (_, i) => alert(`storm-${i}`)),
    });
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(outcome.ok).toBe(true);
    // Committed on the event loop, the batch would block it for as long as the commit took.
    expect(took).toBeGreaterThan(100);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('remembers alerts between its transactions, until the event loop changes one', async () => {
    const integration = await w.integration({ name: 'memory', kind: 'events_api' });
    const target = { integrationId: integration.id };
    const send = async (detail: string) => {
      const outcome = await queue.submit({ kind: 'alerts', target, alerts: [alert('flaky', detail)] });
      if (!outcome.ok) throw new Error('not stored');
      return outcome.alertIds[0]!;
    };
    const id = await send('1');
    expect(await send('2')).toBe(id);
    const resolved = await w.call('POST', '/api/v1/alerts/resolve', { ids: [id] });
    expect(resolved.statusCode, resolved.body).toBe(200);
    // The thread still holds the alert as triggered; the person's resolve must win: this trigger
    // reopens it (within the flap window) instead of counting one more event on a resolved alert.
    expect(await send('3')).toBe(id);
    const row = await w.t.db
      .selectFrom('alerts')
      .select(['status', 'event_count', 'flips'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('triggered');
    expect(row.event_count).toBe(3);
    expect(JSON.parse(row.flips)).toHaveLength(1); // the reopening
  });

  it("lets the event loop's own transactions write meanwhile, without a failure", async () => {
    const integration = await w.integration({ name: 'both', kind: 'events_api' });
    const target = { integrationId: integration.id };
    const service = integration.serviceId;
    let ingesting = true;
    const ingest = (async () => {
      for (let round = 0; ingesting || round < 5; round++) {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            queue.submit({ kind: 'alerts', target, alerts: [alert(`both-${i}`, `${round}`)] }),
          ),
        );
      }
    })();
    // Read, then write, in one transaction: the pattern a concurrent writer breaks (SQLITE_BUSY).
    for (let i = 0; i < 100; i++) {
      await w.t.db.transaction().execute(async (trx) => {
        await trx.selectFrom('alerts').select('id').where('integration_id', '=', integration.id).limit(5).execute();
        const now = Date.now();
        await trx
          .insertInto('change_events')
          .values({
            id: newId(),
            service_id: service,
            integration_id: integration.id,
            summary: `deploy ${i}`,
            source: null,
            details: null,
            links: '[]',
            occurred_at: now,
            received_at: now,
          })
          .execute();
      });
    }
    ingesting = false;
    await ingest;
    const changes = await w.t.db.selectFrom('change_events').select('id').where('service_id', '=', service).execute();
    expect(changes).toHaveLength(100);
    const events = await w.t.db
      .selectFrom('alert_events')
      .innerJoin('alerts', 'alerts.id', 'alert_events.alert_id')
      .select('alert_events.id')
      .where('alerts.integration_id', '=', integration.id)
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(250);
  });
});
