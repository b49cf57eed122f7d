import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { appFor, type Caller, caller, openEventStream } from './http.js';

describeEachDialect('private incidents', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let base: string;
  let commander: Caller;
  let subscriber: Caller;
  let outsider: Caller;
  let admin: Caller;
  let privateIncident: { id: string; number: string };
  let publicIncident: { id: string; number: string };

  beforeAll(async () => {
    t = await createTestContext(dialect);
    // On PostgreSQL the live streams LISTEN on their own connection: give them the test database.
    if (dialect === 'postgres') t.config = { ...t.config, databaseUrl: t.database.url };
    app = await appFor(t);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    [commander, subscriber, outsider, admin] = await Promise.all([caller(t), caller(t), caller(t), caller(t, 'admin')]);
    const declare = async (body: Record<string, unknown>) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/incidents',
        headers: commander.headers,
        payload: body,
      });
      expect(res.statusCode).toBe(201);
      return res.json().incident;
    };
    privateIncident = await declare({
      title: 'Customer passwords exposed in logs',
      severity: 'sev1',
      summary: 'Password hashes written to the debug log',
      private: true,
    });
    publicIncident = await declare({ title: 'Password reset emails delayed', severity: 'sev3' });
    const sub = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${privateIncident.id}/subscribers`,
      headers: commander.headers,
      payload: { userId: subscriber.user.id },
    });
    expect(sub.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (who: Caller, url: string) => app.inject({ method: 'GET', url, headers: who.headers });
  const ids = (res: { json(): any }) => res.json().items.map((i: { id: string }) => i.id);

  it('lists it only for participants, subscribers added by them, and admins', async () => {
    for (const who of [commander, subscriber, admin])
      expect(ids(await get(who, '/api/v1/incidents'))).toContain(privateIncident.id);
    const outsiders = ids(await get(outsider, '/api/v1/incidents'));
    expect(outsiders).toContain(publicIncident.id);
    expect(outsiders).not.toContain(privateIncident.id);
  });

  it('hides it from full-text search and similar-incident suggestions', async () => {
    expect(ids(await get(commander, '/api/v1/incidents?text=password'))).toEqual([
      publicIncident.id,
      privateIncident.id,
    ]);
    expect(ids(await get(outsider, '/api/v1/incidents?text=password'))).toEqual([publicIncident.id]);
    expect(ids(await get(admin, '/api/v1/incidents/similar?q=password+logs'))).toContain(privateIncident.id);
    expect(ids(await get(outsider, '/api/v1/incidents/similar?q=password+logs'))).toEqual([publicIncident.id]);
    // Declaring asks for similar incidents as the declarer: the private one stays hidden.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: outsider.headers,
      payload: { title: 'Passwords in debug logs again', severity: 'sev2' },
    });
    expect(res.json().similar.map((s: { id: string }) => s.id)).not.toContain(privateIncident.id);
  });

  it('answers 404, not 403, to a non-participant for the incident and everything under it', async () => {
    for (const url of ['', '/timeline', '/roles', '/decisions', '/updates', '/subscribers']) {
      const res = await get(outsider, `/api/v1/incidents/${privateIncident.id}${url}`);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get(outsider, `/api/v1/incidents/${privateIncident.number}`)).statusCode).toBe(404);
    const note = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${privateIncident.id}/notes`,
      headers: outsider.headers,
      payload: { text: 'let me in' },
    });
    expect(note.statusCode).toBe(404);
    // A subscriber can follow it, an admin can too.
    expect((await get(subscriber, `/api/v1/incidents/${privateIncident.id}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/v1/incidents/${privateIncident.id}/timeline`)).statusCode).toBe(200);
  });

  it('leaves it out of counts and exports', async () => {
    const mine = (await get(commander, '/api/v1/incidents/counts')).json();
    const theirs = (await get(outsider, '/api/v1/incidents/counts')).json();
    expect(mine.total - theirs.total).toBe(1);
    expect(mine.bySeverity.sev1 ?? 0).toBe((theirs.bySeverity.sev1 ?? 0) + 1);
    const exported = await get(outsider, '/api/v1/incidents/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain(publicIncident.number);
    expect(exported.body).not.toContain(privateIncident.number);
    expect((await get(admin, '/api/v1/incidents/export')).body).toContain(privateIncident.number);
  });

  it('streams it live only to those who may see it', async () => {
    const refused = await openEventStream(`${base}/api/v1/incidents/${privateIncident.id}/events`, outsider.headers);
    expect(refused.status).toBe(404);
    refused.close();

    const outsiderList = await openEventStream(`${base}/api/v1/incidents/events`, outsider.headers);
    const subscriberList = await openEventStream(`${base}/api/v1/incidents/events`, subscriber.headers);
    expect(outsiderList.status).toBe(200);
    try {
      const note = (id: string, text: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/incidents/${id}/notes`,
          headers: commander.headers,
          payload: { text },
        });
      expect((await note(privateIncident.id, 'Rotated the leaked credentials')).statusCode).toBe(201);
      expect((await note(publicIncident.id, 'Mail queue draining')).statusCode).toBe(201);
      // The outsider's first event is the public incident: the private change never reached them.
      const first = await outsiderList.next();
      expect(first?.data.incident.id).toBe(publicIncident.id);
      const seen = [(await subscriberList.next())?.data.incident.id, (await subscriberList.next())?.data.incident.id];
      expect(seen).toEqual([privateIncident.id, publicIncident.id]);
    } finally {
      outsiderList.close();
      subscriberList.close();
    }
  });
});
