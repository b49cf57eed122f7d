import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvents } from '../../src/core/events.js';
import { createPage } from '../../src/domains/paging/index.js';
import { escalateKey, sendKey } from '../../src/domains/paging/paging.model.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, notificationsOf, person, policyFor, startRecorder, stepsOf, type World } from './helpers.js';

describeEachDialect('paging: escalation runs', (dialect) => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startRecorder>>;
  const escalated: DomainEvents['page.escalated'][] = [];
  beforeAll(async () => {
    w = await createWorld(dialect);
    hook = await startRecorder(undefined, w.t.clock);
    w.t.events.on('page.escalated', (e) => {
      escalated.push(e);
    });
  });
  afterAll(async () => {
    await hook.close();
    await w.close();
  });

  const reached = (pathPart: string) => hook.requests.filter((r) => r.path === pathPart);

  it('runs level 1, then level 2 after its delay, then repeats, then stops', async () => {
    const alice = await person(w, 'Alice', [{ kind: 'webhook', address: `${hook.url}/alice-1` }]);
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${hook.url}/bob-1` }]);
    const { serviceId } = await policyFor(
      w,
      [
        { userIds: [alice.id], delayMinutes: 5 },
        { userIds: [bob.id], delayMinutes: 10 },
      ],
      1,
    );
    const start = w.t.clock.now();
    const res = await w.call('POST', '/api/v1/pages', { serviceId, summary: 'Checkout is down', urgency: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    const pageId = res.json().id as string;

    await w.run();
    expect(reached('/alice-1')).toHaveLength(1);
    expect(reached('/bob-1')).toHaveLength(0);

    await w.advance(4);
    expect(reached('/bob-1')).toHaveLength(0);
    await w.advance(1);
    expect(reached('/bob-1')).toHaveLength(1);
    await w.advance(10); // repeat: level 1 again
    expect(reached('/alice-1')).toHaveLength(2);
    await w.advance(5);
    expect(reached('/bob-1')).toHaveLength(2);
    await w.advance(60); // past the last repeat: nothing more
    expect(reached('/alice-1')).toHaveLength(2);
    expect(reached('/bob-1')).toHaveLength(2);

    const steps = await stepsOf(w, pageId);
    expect(steps.map((s) => [s.step, s.level_index, JSON.parse(s.user_ids), s.started_at - start])).toEqual([
      [0, 0, [alice.id], 0],
      [1, 1, [bob.id], 5 * 60_000],
      [2, 0, [alice.id], 15 * 60_000],
      [3, 1, [bob.id], 20 * 60_000],
    ]);
    expect(steps.map((s) => s.reason)).toEqual(['triggered', 'timeout', 'timeout', 'timeout']);
    expect(escalated.filter((e) => e.pageId === pageId).map((e) => e.step)).toEqual([1, 2, 3]);

    const detail = (await w.call('GET', `/api/v1/pages/${pageId}`)).json();
    expect(detail.steps).toHaveLength(4);
    expect(detail.steps[1].users).toEqual([{ id: bob.id, name: 'Bob' }]);
    const webhook = detail.steps[1].notifications.find((n: any) => n.channel === 'webhook');
    expect(webhook).toMatchObject({ status: 'sent', address: `${hook.url}/bob-1` });
    expect(webhook.attempts).toMatchObject([{ attempt: 1, status: 'accepted', httpStatus: 200 }]);
    expect(detail.steps[1].notifications.map((n: any) => n.channel).sort()).toEqual(['in_app', 'webhook']);
  });

  it('a new page has its first step with it: in the app at once, its other notifications queued, no job between', async () => {
    const carol = await person(w, 'Carol', [{ kind: 'webhook', address: `${hook.url}/carol-0` }]);
    const dave = await person(w, 'Dave', [{ kind: 'webhook', address: `${hook.url}/dave-0` }]);
    const { serviceId } = await policyFor(w, [
      { userIds: [carol.id], delayMinutes: 5 },
      { userIds: [dave.id], delayMinutes: 5 },
    ]);
    const start = w.t.clock.now();
    const res = await w.call('POST', '/api/v1/pages', { serviceId, summary: 'Queue is stuck', urgency: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    const pageId = res.json().id as string;

    // Nothing has run yet: the request's own transaction wrote step 0.
    expect((await stepsOf(w, pageId)).map((s) => [s.step, s.started_at - start, s.next_step_at])).toEqual([
      [0, 0, start + 5 * 60_000],
    ]);
    const byChannel = Object.fromEntries((await notificationsOf(w, pageId)).map((n) => [n.channel, n]));
    expect(byChannel.in_app).toMatchObject({ status: 'sent', attempts: 1, sent_at: start });
    expect(byChannel.webhook).toMatchObject({ status: 'pending', attempts: 0, due_at: start });
    const keys = [
      escalateKey(pageId, 0),
      escalateKey(pageId, 1),
      sendKey(byChannel.webhook!.id),
      sendKey(byChannel.in_app!.id),
    ];
    const jobs = await w.t.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'run_at', 'priority'])
      .where('dedupe_key', 'in', keys)
      .execute();
    expect(jobs.map((j) => [j.dedupe_key, j.run_at - start, j.priority]).sort()).toEqual([
      [sendKey(byChannel.webhook!.id), 0, 90],
      [escalateKey(pageId, 1), 5 * 60_000, 100],
    ]);
    const inbox = (await w.call('GET', '/api/v1/me/inbox', undefined, carol.token)).json();
    expect(inbox.items.map((i: { pageId: string }) => i.pageId)).toEqual([pageId]);

    await w.run();
    expect(reached('/carol-0')).toHaveLength(1);
    await w.call('POST', `/api/v1/pages/${pageId}/resolve`, {});
  });

  it('acknowledging stops the escalation and cancels notifications not yet sent', async () => {
    const alice = await person(w, 'Alice', [
      { kind: 'webhook', address: `${hook.url}/alice-2a` },
      { kind: 'webhook', address: `${hook.url}/alice-2b` },
    ]);
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${hook.url}/bob-2` }]);
    const rules = await w.call(
      'PUT',
      '/api/v1/me/notification-rules',
      {
        high: [
          { contactMethodId: alice.methodIds[0], delayMinutes: 0 },
          { contactMethodId: alice.methodIds[1], delayMinutes: 3 },
        ],
        low: [],
      },
      alice.token,
    );
    expect(rules.statusCode, rules.body).toBe(200);
    const { serviceId } = await policyFor(w, [
      { userIds: [alice.id], delayMinutes: 5 },
      { userIds: [bob.id], delayMinutes: 5 },
    ]);
    const { id: pageId } = await createPage(w.t, { serviceId, summary: 'Disk full', urgency: 'high' }, 'system');
    await w.run();
    await w.advance(1);
    const ack = await w.call('POST', `/api/v1/pages/${pageId}/ack`, {}, alice.token);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { id: alice.id, name: 'Alice' } });
    await w.advance(60);
    expect(reached('/alice-2a')).toHaveLength(1);
    expect(reached('/alice-2b')).toHaveLength(0);
    expect(reached('/bob-2')).toHaveLength(0);
    expect((await stepsOf(w, pageId)).map((s) => s.step)).toEqual([0]);
    const cancelled = (await notificationsOf(w, pageId)).filter((n) => n.status === 'cancelled');
    expect(cancelled.map((n) => n.address)).toEqual([`${hook.url}/alice-2b`]);

    const recipient = await w.t.db.selectFrom('page_recipients').selectAll().where('page_id', '=', pageId).execute();
    expect(recipient).toMatchObject([
      {
        user_id: alice.id,
        outside_working_hours: 0,
        acknowledged_by_recipient: 1,
        acknowledged_at: w.t.clock.now() - 60 * 60_000,
      },
    ]);

    // Acknowledging again changes nothing; resolving ends the run; acknowledging a resolved page is refused.
    expect((await w.call('POST', `/api/v1/pages/${pageId}/ack`, {}, bob.token)).json().acknowledgedBy.id).toBe(
      alice.id,
    );
    const resolved = await w.call('POST', `/api/v1/pages/${pageId}/resolve`, {}, bob.token);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: { id: bob.id } });
    const late = await w.call('POST', `/api/v1/pages/${pageId}/ack`, {}, alice.token);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('page_already_resolved');
  });

  it('escalating by hand runs the next level now, even after an acknowledgement', async () => {
    const alice = await person(w, 'Alice', [{ kind: 'webhook', address: `${hook.url}/alice-3` }]);
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${hook.url}/bob-3` }]);
    const { serviceId } = await policyFor(w, [
      { userIds: [alice.id], delayMinutes: 30 },
      { userIds: [bob.id], delayMinutes: 30 },
    ]);
    const { id: pageId } = await createPage(w.t, { serviceId, summary: 'Need help', urgency: 'high' }, 'system');
    await w.run();
    await w.call('POST', `/api/v1/pages/${pageId}/ack`, {}, alice.token);
    const res = await w.call('POST', `/api/v1/pages/${pageId}/escalate`, {}, alice.token);
    expect(res.statusCode, res.body).toBe(200);
    await w.run();
    expect(reached('/bob-3')).toHaveLength(1);
    const steps = await stepsOf(w, pageId);
    expect(steps.map((s) => [s.step, s.reason, s.started_at - steps[0]!.started_at])).toEqual([
      [0, 'triggered', 0],
      [1, 'escalated', 0],
    ]);
    // Past the last level there is nowhere to go.
    const none = await w.call('POST', `/api/v1/pages/${pageId}/escalate`, {}, alice.token);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('no_next_level');
    // The 30-minute timer of level 1 was replaced, not doubled.
    await w.advance(30);
    expect(reached('/bob-3')).toHaveLength(1);
  });

  it('reassigning pages the new people now and stops the old assignment', async () => {
    const alice = await person(w, 'Alice', [{ kind: 'webhook', address: `${hook.url}/alice-4` }]);
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${hook.url}/bob-4` }]);
    const carol = await person(w, 'Carol', [{ kind: 'webhook', address: `${hook.url}/carol-4` }]);
    const { serviceId } = await policyFor(w, [
      { userIds: [alice.id], delayMinutes: 5 },
      { userIds: [bob.id], delayMinutes: 5 },
    ]);
    const { id: pageId } = await createPage(w.t, { serviceId, summary: 'DB slow', urgency: 'high' }, 'system');
    await w.run();
    const res = await w.call('POST', `/api/v1/pages/${pageId}/reassign`, { userIds: [carol.id] }, alice.token);
    expect(res.statusCode, res.body).toBe(200);
    await w.run();
    expect(reached('/carol-4')).toHaveLength(1);
    await w.advance(30);
    expect(reached('/bob-4')).toHaveLength(0);
    const steps = await stepsOf(w, pageId);
    expect(steps.map((s) => [s.step, s.level_index, s.reason, JSON.parse(s.user_ids)])).toEqual([
      [0, 0, 'triggered', [alice.id]],
      [1, null, 'reassigned', [carol.id]],
    ]);
  });

  it('a level nobody can be reached on moves on to the next level at once', async () => {
    const ghost = await person(w, 'Ghost'); // no contact method at all
    const bob = await person(w, 'Bob', [{ kind: 'webhook', address: `${hook.url}/bob-5` }]);
    const { serviceId } = await policyFor(w, [
      { userIds: [ghost.id], delayMinutes: 15 },
      { userIds: [bob.id], delayMinutes: 15 },
    ]);
    const { id: pageId } = await createPage(w.t, { serviceId, summary: 'Unattended', urgency: 'high' }, 'system');
    await w.run();
    expect(reached('/bob-5')).toHaveLength(1);
    const steps = await stepsOf(w, pageId);
    expect(steps.map((s) => [s.step, s.reason, s.started_at === steps[0]!.started_at])).toEqual([
      [0, 'triggered', true],
      [1, 'unreachable', true],
    ]);
  });

  it('a second trigger with the same dedup key joins the open page', async () => {
    const alice = await person(w, 'Alice', [{ kind: 'webhook', address: `${hook.url}/alice-6` }]);
    const body = { userIds: [alice.id], summary: 'Flapping', urgency: 'high', dedupKey: `k-${dialect}` };
    const first = await w.call('POST', '/api/v1/pages', body);
    const second = await w.call('POST', '/api/v1/pages', body);
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json().id).toBe(first.json().id);
    await w.run();
    expect(reached('/alice-6')).toHaveLength(1);
    await w.call('POST', `/api/v1/pages/${first.json().id}/resolve`);
    const third = await w.call('POST', '/api/v1/pages', body);
    expect(third.statusCode).toBe(201);
    expect(third.json().id).not.toBe(first.json().id);
  });

  it('pages created at once are written together; a dedup key that collides in the batch joins, the rest are kept', async () => {
    const people: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < 4; i++)
      people.push(await person(w, `Batch ${i}`, [{ kind: 'webhook', address: `${hook.url}/batch-${i}` }]));
    const created = await Promise.all([
      ...people.map((p, i) =>
        createPage(w.t, { userIds: [p.id], summary: `Batch page ${i}`, urgency: 'high' }, 'system'),
      ),
      // Two triggers of one alert in the same moment: one page.
      ...[0, 1].map(() =>
        createPage(
          w.t,
          { userIds: [people[0]!.id], summary: 'Twice', urgency: 'high', dedupKey: `batch-${dialect}` },
          'system',
        ),
      ),
    ]);
    const twice = created.slice(4);
    expect(twice[0]!.id).toBe(twice[1]!.id);
    expect(twice.map((c) => c.deduplicated).sort()).toEqual([false, true]);
    const ids = [...new Set(created.map((c) => c.id))];
    expect(ids).toHaveLength(5);
    for (const id of ids) {
      expect((await stepsOf(w, id)).map((s) => s.step)).toEqual([0]);
      expect((await notificationsOf(w, id)).map((n) => n.channel).sort()).toEqual(['in_app', 'webhook']);
    }
    await w.run();
    expect(people.map((_, i) => reached(`/batch-${i}`).length)).toEqual([2, 1, 1, 1]);
    for (const id of ids) await w.call('POST', `/api/v1/pages/${id}/resolve`);
  });

  it('rejects bad input with problem+json, never a 500', async () => {
    const none = await w.call('POST', '/api/v1/pages', { summary: 'x', urgency: 'high' });
    expect(none.statusCode).toBe(400);
    const service = await w.call('POST', '/api/v1/pages', { serviceId: 'nope', summary: 'x', urgency: 'high' });
    expect(service.statusCode).toBe(400);
    expect(service.json().errors[0].field).toBe('serviceId');
    const missing = await w.call('POST', '/api/v1/pages/nope/ack');
    expect(missing.statusCode).toBe(404);
    const viewer = await person(w, 'Viewer');
    await w.t.db.updateTable('users').set({ role: 'viewer' }).where('id', '=', viewer.id).execute();
    const denied = await w.call(
      'POST',
      '/api/v1/pages',
      { userIds: [viewer.id], summary: 'x', urgency: 'high' },
      viewer.token,
    );
    expect(denied.statusCode).toBe(403);
  });
});
