import { afterAll, beforeAll, expect, it } from 'vitest';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { addNote } from '../../src/domains/incidents/commands/timeline.js';
import { buildUser } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { declare, type Setup, setup, viewerOf } from './helpers.js';

describeEachDialect('status page: internal status for stakeholders', (dialect) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(dialect);
  });
  afterAll(() => s.close());

  it('lists active incidents with their latest stakeholder update and no war-room detail', async () => {
    const incident = await declare(s.t, s.responder, { title: 'Checkout slow' });
    await addNote(s.t, viewerOf(s.responder), incident.id, { text: 'War room: suspect the cache cluster' });
    await postStatusUpdate(s.t, viewerOf(s.responder), incident.id, {
      currentStatus: 'Investigating',
      impact: 'Some checkouts slow',
    });
    await s.t.clock.advance(60_000);
    await postStatusUpdate(s.t, viewerOf(s.responder), incident.id, {
      currentStatus: 'Fix rolling out',
      impact: 'Fewer errors',
    });
    await postStatusUpdate(s.t, viewerOf(s.responder), incident.id, {
      audience: 'public',
      currentStatus: 'Public words',
    });
    const secret = await declare(s.t, s.responder, { title: 'Secret incident', private: true });
    const stakeholder = await buildUser(s.t, { role: 'viewer' });

    const res = await s.api('GET', '/api/v1/status/internal', undefined, stakeholder);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.incidents).toHaveLength(1);
    expect(body.incidents[0]).toMatchObject({
      number: incident.number,
      title: 'Checkout slow',
      severity: 'Sev2',
      latestUpdate: { currentStatus: 'Fix rolling out', impact: 'Fewer errors' },
    });
    expect(res.body).not.toContain('War room');
    expect(res.body).not.toContain(secret.id);
    const asParticipant = (await s.api('GET', '/api/v1/status/internal', undefined, s.responder)).json();
    expect(asParticipant.incidents.map((i: { title: string }) => i.title).sort()).toEqual([
      'Checkout slow',
      'Secret incident',
    ]);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/status/internal' })).statusCode).toBe(401);
  });
});
