import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decryptSecret } from '../../src/core/secrets.js';
import { buildUser, tokenFor } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { declare, drainJobs, type Setup, setup } from '../statuspage/helpers.js';
import {
  createWorld,
  person,
  type Recorded,
  signingSecret,
  startRecorder,
  verifySignature,
  type World,
} from './helpers.js';

// Rotating a webhook's signing secret without missing a page: a real receiver on loopback verifies
// every request the way docs/paging.md tells receivers to (any v1 may match). During the grace
// period the old and the new secret both verify; after it (or after finish-rotation) only the new.

const HOUR = 60 * 60_000;
const v1Count = (r: Recorded) =>
  String(r.headers['firebreak-signature'])
    .split(',')
    .filter((p) => p.startsWith('v1=')).length;

describeEachDialect('webhook signing-secret rotation', (dialect) => {
  let w: World;
  let receiver: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    receiver = await startRecorder();
    w = await createWorld(dialect);
  });
  afterAll(async () => {
    await receiver.close();
    await w.close();
  });

  const secretPath = (id: string) => `/api/v1/me/contact-methods/${id}/signing-secret`;
  /** Sends a test notification and answers what the receiver got for it. */
  async function delivered(methodId: string, token: string, path: string): Promise<Recorded> {
    const res = await w.call('POST', `/api/v1/me/contact-methods/${methodId}/test`, {}, token);
    expect(res.statusCode, res.body).toBe(202);
    await w.run();
    const got = receiver.requests.filter((r) => r.path === path).at(-1);
    expect(JSON.parse(got!.body).notificationId).toBe(res.json().notificationId);
    return got!;
  }
  const verifies = (secret: string, r: Recorded) =>
    verifySignature(secret, r.headers['firebreak-signature'] as string, r.body);

  it('both secrets verify during the grace period, only the new one after it', async () => {
    const ann = await person(w, 'Ann', [{ kind: 'webhook', address: `${receiver.url}/ann` }]);
    const id = ann.methodIds[0]!;
    const before = (await w.call('GET', secretPath(id), undefined, ann.token)).json();
    expect(before).toEqual({ secret: signingSecret(w.t, id), rotatingUntil: null });
    const old = before.secret as string;

    const rotated = await w.call('POST', `${secretPath(id)}/rotate`, {}, ann.token);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).toMatch(/^whsec_[\w-]{32}$/);
    expect(fresh).not.toBe(old);
    expect(rotated.json().rotatingUntil).toBe(new Date(w.t.clock.now() + 24 * HOUR).toISOString());
    expect((await w.call('GET', secretPath(id), undefined, ann.token)).json()).toEqual(rotated.json());

    const during = await delivered(id, ann.token, '/ann');
    expect(v1Count(during)).toBe(2);
    expect(verifies(fresh, during)).toBe(true);
    expect(verifies(old, during)).toBe(true);
    expect(verifies('whsec_someone_else', during)).toBe(false);
    // New first: a receiver that reads only the first v1 switches with the rotation.
    const [t, newest] = String(during.headers['firebreak-signature'])
      .split(',')
      .map((p) => p.split('=')[1]);
    expect(newest).toBe(createHmac('sha256', fresh).update(`${t}.${during.body}`).digest('hex'));

    await w.t.clock.advance(24 * HOUR);
    const after = await delivered(id, ann.token, '/ann');
    expect(v1Count(after)).toBe(1);
    expect(verifies(fresh, after)).toBe(true);
    expect(verifies(old, after)).toBe(false);
    expect((await w.call('GET', secretPath(id), undefined, ann.token)).json()).toEqual({
      secret: fresh,
      rotatingUntil: null,
    });

    // Stored encrypted under the server secret, never in the clear.
    const row = await w.t.db
      .selectFrom('webhook_signing_keys')
      .selectAll()
      .where('owner_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(fresh);
    expect(decryptSecret(w.t.secretKey, row.secret)).toBe(fresh);
  });

  it('finish-rotation stops the previous secret at once; rotating again drops the oldest', async () => {
    const ben = await person(w, 'Ben', [{ kind: 'webhook', address: `${receiver.url}/ben` }]);
    const id = ben.methodIds[0]!;
    const first = (await w.call('POST', `${secretPath(id)}/rotate`, {}, ben.token)).json().secret as string;
    const second = (await w.call('POST', `${secretPath(id)}/rotate`, {}, ben.token)).json().secret as string;
    const both = await delivered(id, ben.token, '/ben');
    expect([verifies(second, both), verifies(first, both), verifies(signingSecret(w.t, id), both)]).toEqual([
      true,
      true,
      false,
    ]);

    const finish = await w.call('POST', `${secretPath(id)}/finish-rotation`, {}, ben.token);
    expect(finish.statusCode, finish.body).toBe(204);
    const only = await delivered(id, ben.token, '/ben');
    expect([verifies(second, only), verifies(first, only)]).toEqual([true, false]);
    // Finishing when nothing rotates is harmless.
    expect((await w.call('POST', `${secretPath(id)}/finish-rotation`, {}, ben.token)).statusCode).toBe(204);
  });

  it('only the owner rotates; only webhooks have a secret to rotate', async () => {
    const cat = await person(w, 'Cat', [
      { kind: 'webhook', address: `${receiver.url}/cat` },
      { kind: 'email', address: 'cat@example.test' },
    ]);
    const other = await buildUser(w.t);
    const otherToken = await tokenFor(w.t, other, 'write');
    const stranger = await w.call('POST', `${secretPath(cat.methodIds[0]!)}/rotate`, {}, otherToken);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('contact_method_not_found');
    const byAdmin = await w.call('POST', `${secretPath(cat.methodIds[0]!)}/rotate`, {}, w.adminToken);
    expect(byAdmin.statusCode).toBe(404);
    const email = await w.call('POST', `${secretPath(cat.methodIds[1]!)}/rotate`, {}, cat.token);
    expect(email.statusCode).toBe(400);
    expect(email.json().code).toBe('not_a_webhook');
    expect((await w.call('GET', secretPath(cat.methodIds[0]!), undefined, cat.token)).json().rotatingUntil).toBeNull();
  });
});

describeEachDialect('status-page webhook subscriber signing-secret rotation', (dialect) => {
  let s: Setup;
  let receiver: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    receiver = await startRecorder();
    s = await setup(dialect);
  });
  afterAll(async () => {
    await receiver.close();
    await s.close();
  });

  it('signs with both secrets until the rotation is finished', async () => {
    const added = await s.api('POST', '/api/v1/status/subscribers', {
      kind: 'webhook',
      address: `${receiver.url}/hook`,
    });
    expect(added.statusCode, added.body).toBe(201);
    const old = added.json().signingSecret as string;
    const id = added.json().id as string;
    const rotated = await s.api('POST', `/api/v1/status/subscribers/${id}/signing-secret/rotate`, {});
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(rotated.json().rotatingUntil).not.toBeNull();
    // Adding the same address again answers the current secret, not the one derived at first.
    expect(
      (await s.api('POST', '/api/v1/status/subscribers', { kind: 'webhook', address: `${receiver.url}/hook` })).json()
        .signingSecret,
    ).toBe(fresh);

    const publish = async (name: string) => {
      const incident = await declare(s.t, s.responder, { title: name });
      const res = await s.api(
        'POST',
        '/api/v1/status/incidents',
        { incidentId: incident.id, name, body: `${name} update`, impact: 'minor' },
        s.responder,
      );
      expect(res.statusCode, res.body).toBe(201);
      await drainJobs(s.t);
      const got = receiver.requests.filter((r) => JSON.parse(r.body).incident?.name === name);
      expect(got).toHaveLength(1);
      return got[0]!;
    };
    const during = await publish('During rotation');
    expect(verifySignature(fresh, during.headers['firebreak-signature'] as string, during.body)).toBe(true);
    expect(verifySignature(old, during.headers['firebreak-signature'] as string, during.body)).toBe(true);

    const finish = await s.api('POST', `/api/v1/status/subscribers/${id}/signing-secret/finish-rotation`, {});
    expect(finish.statusCode).toBe(204);
    const after = await publish('After rotation');
    expect(verifySignature(fresh, after.headers['firebreak-signature'] as string, after.body)).toBe(true);
    expect(verifySignature(old, after.headers['firebreak-signature'] as string, after.body)).toBe(false);

    const responderTries = await s.api(
      'POST',
      `/api/v1/status/subscribers/${id}/signing-secret/rotate`,
      {},
      s.responder,
    );
    expect(responderTries.statusCode).toBe(403);
  });
});
