import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { appFor, type Caller, caller, openEventStream } from './http.js';

describeEachDialect('incidents API', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let commander: Caller;
  let responder: Caller;
  let viewer: Caller;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    if (dialect === 'postgres') t.config = { ...t.config, databaseUrl: t.database.url };
    app = await appFor(t);
    [commander, responder, viewer, admin] = await Promise.all([
      caller(t),
      caller(t),
      caller(t, 'viewer'),
      caller(t, 'admin'),
    ]);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const call = (who: Caller, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const declare = async (body: Record<string, unknown> = {}) => {
    const res = await call(commander, 'POST', '/incidents', {
      title: 'Checkout is failing',
      severity: 'sev2',
      ...body,
    });
    expect(res.statusCode).toBe(201);
    return res.json().incident;
  };

  it('refuses a stale version with 409 and the current version', async () => {
    const incident = await declare();
    const first = await call(commander, 'PATCH', `/incidents/${incident.id}`, {
      version: 1,
      summary: 'Card payments time out',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await call(responder, 'PATCH', `/incidents/${incident.id}`, { version: 1, title: 'Something else' });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    const shown = (await call(viewer, 'GET', `/incidents/${incident.number}`)).json();
    expect(shown).toMatchObject({ title: 'Checkout is failing', summary: 'Card payments time out', version: 2 });
  });

  it('answers an illegal transition with 409 problem+json listing the allowed states', async () => {
    const incident = await declare();
    const res = await call(commander, 'POST', `/incidents/${incident.id}/status`, { status: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'illegal_transition',
      allowed: ['identified', 'monitoring', 'resolved', 'merged'],
    });
    const ok = await call(commander, 'POST', `/incidents/${incident.id}/status`, { status: 'identified' });
    expect(ok.json()).toMatchObject({
      status: 'identified',
      allowedTransitions: ['investigating', 'monitoring', 'resolved', 'merged'],
    });
  });

  it('names an unknown severity, service or person in a 400', async () => {
    const bad = async (url: string, body: unknown, field: string, detail: RegExp) => {
      const res = await call(commander, 'POST', url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
      expect(res.json().detail).toMatch(detail);
    };
    await bad('/incidents', { title: 'x y z', severity: 'sev7' }, 'severity', /"sev7"/);
    await bad(
      '/incidents',
      { title: 'x y z', severity: 'sev2', serviceIds: ['billing-api'] },
      'serviceIds',
      /"billing-api"/,
    );
    const incident = await declare();
    await bad(`/incidents/${incident.id}/roles`, { role: 'scribe', userId: 'ghost' }, 'userId', /"ghost"/);
    await bad(`/incidents/${incident.id}/roles`, { role: 'juggler', userId: responder.user.id }, 'role', /"juggler"/);
    await bad(`/incidents/${incident.id}/severity`, { severity: 'sev0', reason: 'worse' }, 'severity', /"sev0"/);
    const list = await call(viewer, 'GET', '/incidents?severity=sev9');
    expect(list.statusCode).toBe(400);
    expect(list.json().detail).toMatch(/"sev9"/);
  });

  it('lets only the commander or an admin assign and hand over roles', async () => {
    const incident = await declare();
    const denied = await call(responder, 'POST', `/incidents/${incident.id}/roles`, {
      role: 'scribe',
      userId: responder.user.id,
    });
    expect(denied.statusCode).toBe(403);
    const handover = await call(commander, 'POST', `/incidents/${incident.id}/roles`, {
      role: 'commander',
      userId: responder.user.id,
    });
    expect(handover.statusCode).toBe(200);
    expect(handover.json().commander.id).toBe(responder.user.id);
    // The old commander no longer holds the power; the admin always does.
    expect(
      (await call(commander, 'POST', `/incidents/${incident.id}/roles`, { role: 'deputy', userId: commander.user.id }))
        .statusCode,
    ).toBe(403);
    const byAdmin = await call(admin, 'POST', `/incidents/${incident.id}/roles`, {
      role: 'investigator',
      userId: commander.user.id,
    });
    expect(byAdmin.json().roles.map((r: { role: string }) => r.role)).toEqual(
      expect.arrayContaining(['commander', 'investigator', 'communications_lead']),
    );
    const removeCommander = await call(
      admin,
      'DELETE',
      `/incidents/${incident.id}/roles/commander/${responder.user.id}`,
    );
    expect(removeCommander.statusCode).toBe(409);
  });

  it('keeps viewers to reading', async () => {
    const incident = await declare();
    expect((await call(viewer, 'GET', `/incidents/${incident.id}/timeline?order=asc`)).statusCode).toBe(200);
    expect((await call(viewer, 'POST', `/incidents/${incident.id}/notes`, { text: 'hi' })).statusCode).toBe(403);
    expect((await call(viewer, 'POST', '/incidents', { title: 'A B C', severity: 'sev2' })).statusCode).toBe(403);
  });

  it('lets admins manage severities, and nobody else', async () => {
    const list = await call(viewer, 'GET', '/severities');
    expect(list.json().items.map((s: { key: string }) => s.key)).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
    expect(list.json().items[0]).toMatchObject({ updateCadenceMinutes: 15, urgency: 'high', postmortemRequired: true });
    const body = { key: 'sev5', name: 'Sev5', rank: 5, description: 'Internal tooling only' };
    expect((await call(responder, 'POST', '/severities', body)).statusCode).toBe(403);
    expect((await call(admin, 'POST', '/severities', body)).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/severities', body)).statusCode).toBe(409);
    const edited = await call(admin, 'PATCH', '/severities/sev5', {
      updateCadenceMinutes: 480,
      examples: ['CI is slow'],
    });
    expect(edited.json()).toMatchObject({ key: 'sev5', updateCadenceMinutes: 480, examples: ['CI is slow'] });
    expect((await call(admin, 'DELETE', '/severities/sev2')).json()).toMatchObject({
      status: 409,
      code: 'severity_in_use',
    });
    expect((await call(admin, 'DELETE', '/severities/sev5')).statusCode).toBe(204);
    const roles = await call(admin, 'POST', '/incident-roles', { key: 'customer_liaison', name: 'Customer liaison' });
    expect(roles.statusCode).toBe(201);
    const incident = await declare();
    const assigned = await call(commander, 'POST', `/incidents/${incident.id}/roles`, {
      role: 'customer_liaison',
      userId: responder.user.id,
    });
    expect(assigned.statusCode).toBe(200);
  });

  it('records decisions and status updates, and clears the overdue flag', async () => {
    const incident = await declare({ severity: 'sev1' });
    await t.clock.advance(16 * 60_000);
    expect((await call(viewer, 'GET', `/incidents/${incident.id}`)).json().updateOverdue).toBe(true);
    const update = await call(commander, 'POST', `/incidents/${incident.id}/updates`, {
      currentStatus: 'Root cause identified; rolling back',
      impact: 'Card payments fail for all customers',
    });
    expect(update.statusCode).toBe(201);
    expect(update.json().nextUpdateAt).toBe(new Date(t.clock.now() + 15 * 60_000).toISOString());
    const shown = (await call(viewer, 'GET', `/incidents/${incident.id}`)).json();
    expect(shown).toMatchObject({ updateOverdue: false, nextUpdateDueAt: update.json().nextUpdateAt });
    expect(shown.updates[0].currentStatus).toBe('Root cause identified; rolling back');
    const decision = await call(commander, 'POST', `/incidents/${incident.id}/decisions`, {
      question: 'Roll back?',
      options: [{ name: 'Yes' }, { name: 'No' }],
      choice: 'Maybe',
    });
    expect(decision.statusCode).toBe(400);
    expect(decision.json().errors[0].field).toBe('choice');
  });

  it('streams an event to a live client after a note is added', async () => {
    const incident = await declare();
    const base = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openEventStream(`${base}/api/v1/incidents/${incident.id}/events`, viewer.headers);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const note = await call(commander, 'POST', `/incidents/${incident.id}/notes`, { text: 'Rolled back build 812' });
      expect(note.statusCode).toBe(201);
      const frame = await stream.next();
      expect(frame).toMatchObject({
        event: 'incident',
        data: { incident: { id: incident.id, number: incident.number } },
      });
      const timeline = (await call(viewer, 'GET', `/incidents/${incident.id}/timeline`)).json();
      expect(timeline.items[0]).toMatchObject({ kind: 'note', text: 'Rolled back build 812' });
    } finally {
      stream.close();
    }
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/incidents', '/api/v1/incidents/{id}/status', '/api/v1/severities']),
    );
  });
});
