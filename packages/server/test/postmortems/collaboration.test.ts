import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { appFor, type Caller, caller } from '../incidents/http.js';
import { recordEvents, resolvedIncident } from './helpers.js';

// Several people writing one postmortem over the API: per-section optimistic versions, blameless
// suggestions, five-whys chains, comments and invitations.

describeEachDialect('writing a postmortem together', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let sam: Caller;
  let priya: Caller;
  let id: string;
  const url = (rest = '') => `/api/v1/postmortems/${id}${rest}`;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    sam = await caller(t);
    priya = await caller(t);
    await t.db.updateTable('users').set({ name: 'Sam Lee' }).where('id', '=', sam.user.id).execute();
    const incident = await resolvedIncident(t, { ...viewer(sam.user), name: 'Sam Lee' });
    ({ id } = await createPostmortem(t, viewer(sam.user), { incidentId: incident.id }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const section = async (key: string) => {
    const res = await app.inject({ method: 'GET', url: url(), headers: sam.headers });
    return res.json().sections.find((s: { key: string }) => s.key === key);
  };
  const save = (who: Caller, key: string, body: string, version: number) =>
    app.inject({ method: 'PUT', url: url(`/sections/${key}`), headers: who.headers, payload: { body, version } });

  it('refuses the second of two saves of one section with 409 and both texts, losing nothing', async () => {
    const start = await section('went_badly');
    const first = await save(sam, 'went_badly', 'Alerts were noisy.', start.version);
    expect(first.statusCode).toBe(200);
    expect(first.json().section).toMatchObject({ body: 'Alerts were noisy.', version: start.version + 1 });

    const second = await save(priya, 'went_badly', 'The runbook was out of date.', start.version);
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    const problem = second.json();
    expect(problem).toMatchObject({
      code: 'section_conflict',
      section: 'went_badly',
      yours: { body: 'The runbook was out of date.', baseVersion: start.version },
      current: {
        body: 'Alerts were noisy.',
        version: start.version + 1,
        updatedBy: { id: sam.user.id, name: 'Sam Lee' },
      },
    });
    expect(problem.detail).toContain('Sam Lee');
    expect((await section('went_badly')).body).toBe('Alerts were noisy.');

    const merged = await save(
      priya,
      'went_badly',
      'Alerts were noisy.\nThe runbook was out of date.',
      problem.current.version,
    );
    expect(merged.statusCode).toBe(200);
    expect((await section('went_badly')).body).toBe('Alerts were noisy.\nThe runbook was out of date.');
  });

  it('lets people save different sections from the same starting point', async () => {
    const [well, intro] = await Promise.all([section('went_well'), section('introduction')]);
    const results = await Promise.all([
      save(sam, 'went_well', 'Rollback was quick.', well.version),
      save(priya, 'introduction', 'Checkout failed.', intro.version),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
  });

  it('answers a save with blameless suggestions, and saves anyway', async () => {
    const start = await section('introduction');
    const res = await save(
      priya,
      'introduction',
      'Checkout broke because Sam forgot to enable the flag.',
      start.version,
    );
    expect(res.statusCode).toBe(200);
    const { blameless, section: saved } = res.json();
    expect(saved.body).toContain('Sam forgot');
    expect(blameless).toEqual([
      expect.objectContaining({
        section: 'introduction',
        person: 'Sam Lee',
        phrase: 'because Sam forgot',
        question: expect.stringContaining('What conditions allowed this decision to be made?'),
      }),
    ]);
    const detail = await app.inject({ method: 'GET', url: url(), headers: sam.headers });
    expect(detail.json().blameless.map((b: { phrase: string }) => b.phrase)).toContain('because Sam forgot');
    const check = await app.inject({
      method: 'POST',
      url: url('/blameless-check'),
      headers: sam.headers,
      payload: { text: "It was Sam's mistake." },
    });
    expect(check.json().items.map((b: { phrase: string }) => b.phrase)).toEqual(["Sam's mistake"]);
  });

  it('keeps several five-whys chains, each versioned', async () => {
    const chain = (problem: string) => ({
      problem,
      steps: [
        { why: 'Why did checkout fail?', because: 'The flag was off.' },
        { why: 'Why was it off?', because: 'Flags are set by hand at release.' },
        { why: 'Why by hand?', because: 'The release checklist has no flag step and nothing checks it.' },
      ],
    });
    await app.inject({
      method: 'POST',
      url: url('/five-whys'),
      headers: sam.headers,
      payload: chain('Checkout failed'),
    });
    const res = await app.inject({
      method: 'POST',
      url: url('/five-whys'),
      headers: priya.headers,
      payload: chain('We learned late'),
    });
    expect(res.statusCode).toBe(201);
    const chains = res.json().fiveWhys;
    expect(chains.map((c: { problem: string }) => c.problem)).toEqual(['Checkout failed', 'We learned late']);
    expect(chains[0].systemicCause).toBe('The release checklist has no flag step and nothing checks it.');
    const [first] = chains;
    const update = (who: Caller, because: string) =>
      app.inject({
        method: 'PUT',
        url: url(`/five-whys/${first.id}`),
        headers: who.headers,
        payload: { problem: first.problem, steps: [{ why: 'Why?', because }], version: first.version },
      });
    expect((await update(sam, 'One reason')).statusCode).toBe(200);
    const stale = await update(priya, 'Another reason');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'why_chain_conflict',
      yours: { steps: [{ because: 'Another reason' }] },
      current: { steps: [{ because: 'One reason' }] },
    });
    const bad = await app.inject({
      method: 'POST',
      url: url('/five-whys'),
      headers: sam.headers,
      payload: { problem: 'x', steps: [] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('takes comments on sections and resolves them', async () => {
    const res = await app.inject({
      method: 'POST',
      url: url('/comments'),
      headers: priya.headers,
      payload: { section: 'impact', body: 'Do we know how many orders were lost?' },
    });
    expect(res.statusCode).toBe(201);
    const [comment] = res.json().items;
    expect(comment).toMatchObject({ section: 'impact', author: { id: priya.user.id }, resolvedAt: null });
    expect((await section('impact')).openComments).toBe(1);
    const resolved = await app.inject({
      method: 'POST',
      url: url(`/comments/${comment.id}/resolve`),
      headers: sam.headers,
    });
    expect(resolved.json().items[0].resolvedBy.id).toBe(sam.user.id);
    expect((await section('impact')).openComments).toBe(0);
    const unknown = await app.inject({
      method: 'POST',
      url: url('/comments'),
      headers: priya.headers,
      payload: { section: 'nope', body: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('invites someone else to contribute and records who wrote', async () => {
    const newcomer = await caller(t);
    const events = recordEvents(t, ['postmortem.contributors_invited']);
    const res = await app.inject({
      method: 'POST',
      url: url('/contributors'),
      headers: sam.headers,
      payload: { userId: newcomer.user.id },
    });
    expect(res.statusCode).toBe(200);
    const contributors = res.json().contributors as {
      person: { id: string };
      reason: string;
      lastContributedAt: string | null;
    }[];
    expect(contributors.find((c) => c.person.id === newcomer.user.id)?.reason).toBe('invited');
    // Priya was not involved in the incident: writing made her a contributor.
    expect(contributors.find((c) => c.person.id === priya.user.id)).toMatchObject({ reason: 'wrote' });
    expect(contributors.find((c) => c.person.id === priya.user.id)?.lastContributedAt).not.toBeNull();
    expect(events.seen.map((e) => e.payload.userIds)).toEqual([[newcomer.user.id]]);
    events.stop();
  });

  it('refuses writes from viewers and answers unknown postmortems with 404', async () => {
    const reader = await caller(t, 'viewer');
    const start = await section('impact');
    expect((await save(reader, 'impact', 'x', start.version)).statusCode).toBe(403);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/postmortems/nope', headers: sam.headers });
    expect(missing.statusCode).toBe(404);
  });
});
