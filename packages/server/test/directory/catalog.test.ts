import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getServiceById, getUserById, listTeamMemberIds } from '../../src/domains/directory/index.js';
import { buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('directory: people, teams, services and permissions', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let admin: BuiltUser;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    admin = await buildUser(t, { role: 'admin' });
    adminToken = await tokenFor(t, admin);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const as = (secret: string) => ({
    get: (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: bearer(secret) }),
    send: (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: bearer(secret), ...(payload ? { payload } : {}) }),
  });
  const unique = () => Math.random().toString(36).slice(2, 10);

  it('answers 401 problem+json without credentials', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/services' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lets a viewer read but not create a service', async () => {
    const viewer = as(await tokenFor(t, await buildUser(t, { role: 'viewer' })));
    expect((await viewer.get('/services')).statusCode).toBe(200);
    const res = await viewer.send('POST', '/services', { name: `svc ${unique()}` });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('lets a responder create and edit services, and only an admin delete them', async () => {
    const events: string[] = [];
    const offCreated = t.events.on('service.created', ({ serviceId }) => void events.push(`created ${serviceId}`));
    const offDeleted = t.events.on('service.deleted', ({ serviceId }) => void events.push(`deleted ${serviceId}`));
    try {
      const responder = as(await tokenFor(t, await buildUser(t, { role: 'responder' })));
      const team = await buildTeam(t);
      const created = await responder.send('POST', '/services', { name: `Checkout ${unique()}`, teamId: team.id });
      expect(created.statusCode).toBe(201);
      const service = created.json();
      expect(service).toMatchObject({ teamId: team.id, description: '' });
      expect(service.slug).toMatch(/^checkout-/);
      const patched = await responder.send('PATCH', `/services/${service.id}`, { description: 'Takes money' });
      expect(patched.json()).toMatchObject({ description: 'Takes money', name: service.name });
      expect((await getServiceById(t, service.id))?.description).toBe('Takes money');
      expect((await responder.send('DELETE', `/services/${service.id}`)).statusCode).toBe(403);
      expect((await as(adminToken).send('DELETE', `/services/${service.id}`)).statusCode).toBe(204);
      expect((await responder.get(`/services/${service.id}`)).statusCode).toBe(404);
      expect(events).toEqual([`created ${service.id}`, `deleted ${service.id}`]);
    } finally {
      offCreated();
      offDeleted();
    }
  });

  it('answers a duplicate service name with 409', async () => {
    const existing = await buildService(t);
    const res = await as(adminToken).send('POST', '/services', { name: existing.name });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('service_name_taken');
    // Renaming onto an existing name is a conflict too.
    const other = await buildService(t);
    const rename = await as(adminToken).send('PATCH', `/services/${other.id}`, { name: existing.name });
    expect(rename.statusCode).toBe(409);
  });

  it('names the field in validation errors', async () => {
    const api = as(adminToken);
    const unknown = await api.send('POST', '/services', { name: `svc ${unique()}`, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation_failed');
    expect(JSON.stringify(unknown.json().errors[0])).toContain('colour');
    expect(unknown.json().detail).toContain('colour');
    const wrongType = await api.send('POST', '/services', { name: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors.map((e: { field: string }) => e.field)).toContain('body.name');
    const badTeam = await api.send('POST', '/services', { name: `svc ${unique()}`, teamId: 'no-such-team' });
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().errors[0].field).toBe('teamId');
    const badZone = await api.send('POST', '/users', {
      name: 'Zed',
      email: `z-${unique()}@example.test`,
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().errors[0].field).toBe('body.timeZone');
  });

  it('pages through lists with a keyset cursor', async () => {
    const team = await buildTeam(t);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await buildService(t, { teamId: team.id }));
    const api = as(adminToken);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(`/services?teamId=${team.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((s) => s.id));
  });

  it('lets admins add people and rejects a duplicate email with 409', async () => {
    const created: string[] = [];
    const off = t.events.on('user.created', ({ userId }) => void created.push(userId));
    try {
      const email = `Casey-${unique()}@Example.test`;
      const res = await as(adminToken).send('POST', '/users', { name: 'Casey', email, timeZone: 'Europe/Berlin' });
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(user).toMatchObject({ email: email.toLowerCase(), role: 'responder', timeZone: 'Europe/Berlin' });
      expect(user.contactMethods).toEqual([expect.objectContaining({ kind: 'email', address: email.toLowerCase() })]);
      expect(user).not.toHaveProperty('passwordHash');
      expect(created).toEqual([user.id]);
      const dup = await as(adminToken).send('POST', '/users', { name: 'Other', email: email.toUpperCase() });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('email_taken');
      const responder = as(await tokenFor(t, await buildUser(t)));
      expect(
        (await responder.send('POST', '/users', { name: 'No', email: `no-${unique()}@example.test` })).statusCode,
      ).toBe(403);
    } finally {
      off();
    }
  });

  it('lets a person edit their own name and time zone but not their role; admins change roles', async () => {
    const person = await buildUser(t, { role: 'viewer' });
    const self = as(await tokenFor(t, person));
    // A viewer's token acts as a viewer, and PATCHes: read scope would refuse; use write scope capped to viewer.
    const own = await self.send('PATCH', `/users/${person.id}`, { name: 'New Name', timeZone: 'Asia/Tokyo' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: 'New Name', timeZone: 'Asia/Tokyo' });
    expect((await self.send('PATCH', `/users/${person.id}`, { role: 'admin' })).statusCode).toBe(403);
    const other = await buildUser(t);
    expect((await self.send('PATCH', `/users/${other.id}`, { name: 'Hacked' })).statusCode).toBe(403);
    const promoted = await as(adminToken).send('PATCH', `/users/${person.id}`, { role: 'responder' });
    expect(promoted.json().role).toBe('responder');
  });

  it('deactivates a person, ending their access, and never removes the last admin', async () => {
    const person = await buildUser(t);
    const secret = await tokenFor(t, person);
    const res = await as(adminToken).send('PATCH', `/users/${person.id}`, { deactivated: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().deactivatedAt).toBe(new Date(t.clock.now()).toISOString());
    expect((await as(secret).get('/services')).statusCode).toBe(401);

    // Demote every other admin through the API; the last one stays.
    const admins = await t.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('deactivated_at', 'is', null)
      .execute();
    const others = admins.filter((a) => a.id !== admin.id);
    for (const other of others) {
      expect((await as(adminToken).send('PATCH', `/users/${other.id}`, { role: 'responder' })).statusCode).toBe(200);
    }
    const last = await as(adminToken).send('PATCH', `/users/${admin.id}`, { deactivated: true });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('last_admin');
  });

  it('manages contact methods: own or by an admin, checked by kind', async () => {
    const person = await buildUser(t, { contactEmail: false });
    const self = as(await tokenFor(t, person));
    const added = await self.send('POST', `/users/${person.id}/contact-methods`, {
      kind: 'sms',
      label: 'mobile',
      address: '+49 170 1234567',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'sms', address: '+491701234567', verified: false });
    const bad = await self.send('POST', `/users/${person.id}/contact-methods`, {
      kind: 'email',
      label: 'x',
      address: 'not-an-email',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('address');
    const list = await self.get(`/users/${person.id}/contact-methods`);
    expect(list.json()).toEqual({ items: [added.json()], nextCursor: null });
    const stranger = as(await tokenFor(t, await buildUser(t)));
    expect((await stranger.send('DELETE', `/users/${person.id}/contact-methods/${added.json().id}`)).statusCode).toBe(
      403,
    );
    expect((await self.send('DELETE', `/users/${person.id}/contact-methods/${added.json().id}`)).statusCode).toBe(204);
    expect((await getUserById(t, person.id))?.contactMethods).toEqual([]);
  });

  it('runs teams: admins create, managers manage members, names are unique', async () => {
    const api = as(adminToken);
    const name = `Payments ${unique()}`;
    const created = await api.send('POST', '/teams', { name, description: 'Money' });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect((await api.send('POST', '/teams', { name })).statusCode).toBe(409);

    const manager = await buildUser(t);
    const member = await buildUser(t);
    const put = await api.send('PUT', `/teams/${team.id}/members/${manager.id}`, { role: 'manager' });
    expect(put.statusCode).toBe(200);
    const asManager = as(await tokenFor(t, manager));
    const added = await asManager.send('PUT', `/teams/${team.id}/members/${member.id}`);
    expect(added.statusCode).toBe(200);
    expect(added.json().members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: manager.id, role: 'manager' }),
        expect.objectContaining({ userId: member.id, role: 'member' }),
      ]),
    );
    expect(new Set(await listTeamMemberIds(t, team.id))).toEqual(new Set([manager.id, member.id]));

    const asMember = as(await tokenFor(t, member));
    expect((await asMember.send('PATCH', `/teams/${team.id}`, { description: 'mine now' })).statusCode).toBe(403);
    expect(
      (await asManager.send('PATCH', `/teams/${team.id}`, { description: 'Payments and refunds' })).json().description,
    ).toBe('Payments and refunds');
    expect((await asManager.send('DELETE', `/teams/${team.id}/members/${member.id}`)).statusCode).toBe(204);
    expect(await listTeamMemberIds(t, team.id)).toEqual([manager.id]);
    expect((await asManager.send('DELETE', `/teams/${team.id}`)).statusCode).toBe(403);

    const owned = await buildService(t, { teamId: team.id });
    expect((await api.send('DELETE', `/teams/${team.id}`)).statusCode).toBe(204);
    expect((await getServiceById(t, owned.id))?.teamId).toBeNull();
  });

  it('answers 404 problem+json for unknown ids', async () => {
    for (const url of ['/users/nope', '/teams/nope', '/services/nope']) {
      const res = await as(adminToken).get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toMatch(/_not_found$/);
    }
  });
});
