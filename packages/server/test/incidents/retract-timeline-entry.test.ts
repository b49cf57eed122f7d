import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { postmortemDetail } from '../../src/domains/postmortems/postmortems.service.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { timelineKinds } from './helpers.js';
import { appFor, type Caller, caller } from './http.js';

describeEachDialect('retracting timeline notes', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let commander: Caller;
  let author: Caller;
  let bystander: Caller;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    [commander, author, bystander, admin] = await Promise.all([caller(t), caller(t), caller(t), caller(t, 'admin')]);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const call = (who: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

  async function incidentWithNote(text = 'Resolver 2 returns SERVFAIL') {
    const declared = await call(commander, 'POST', '/incidents', { title: 'DNS is flapping', severity: 'sev2' });
    expect(declared.statusCode).toBe(201);
    const incident = declared.json().incident as { id: string; number: string };
    const note = await call(author, 'POST', `/incidents/${incident.id}/notes`, { text });
    expect(note.statusCode).toBe(201);
    return { incident, noteId: note.json().id as string };
  }
  const retract = (who: Caller, incidentId: string, entryId: string, body: object = {}) =>
    call(who, 'POST', `/incidents/${incidentId}/timeline/${entryId}/retract`, body);
  const timeline = async (incidentId: string, query = '') => {
    const res = await call(commander, 'GET', `/incidents/${incidentId}/timeline?order=asc${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as { id: string; kind: string; text: string; retracted: unknown; actor: unknown }[];
  };

  it('hides a retracted note by default, shows it flagged on request, and records who and why', async () => {
    const { incident, noteId } = await incidentWithNote();
    const res = await retract(author, incident.id, noteId, { reason: 'Wrong incident' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: noteId,
      text: 'Resolver 2 returns SERVFAIL',
      retracted: { at: new Date(t.clock.now()).toISOString(), by: { id: author.user.id }, reason: 'Wrong incident' },
    });

    const visible = await timeline(incident.id);
    expect(visible.map((e) => e.kind)).toEqual(['declared', 'note_retracted']);
    expect(visible[1]).toMatchObject({ text: 'Retracted a note: Wrong incident', actor: { id: author.user.id } });
    const everything = await timeline(incident.id, '&includeRetracted=true');
    expect(everything.map((e) => [e.kind, e.retracted === null])).toEqual([
      ['declared', true],
      ['note', false],
      ['note_retracted', true],
    ]);

    const detail = await call(commander, 'GET', `/incidents/${incident.id}`);
    expect(detail.json().timeline.items.map((e: { id: string }) => e.id)).not.toContain(noteId);
  });

  it('leaves a pinned note out of the pinned list once retracted', async () => {
    const { incident, noteId } = await incidentWithNote('Pinned then withdrawn');
    expect(
      (await call(commander, 'PUT' as 'POST', `/incidents/${incident.id}/timeline/${noteId}/pin`)).statusCode,
    ).toBe(200);
    expect((await retract(commander, incident.id, noteId)).statusCode).toBe(200);
    const detail = await call(commander, 'GET', `/incidents/${incident.id}`);
    expect(detail.json().pinned).toEqual([]);
  });

  it('lets the author, the commander or an admin retract, and nobody else', async () => {
    const { incident, noteId } = await incidentWithNote();
    const refused = await retract(bystander, incident.id, noteId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await timeline(incident.id)).map((e) => e.kind)).toEqual(['declared', 'note']);

    expect((await retract(commander, incident.id, noteId)).statusCode).toBe(200);
    const second = await incidentWithNote('Another note');
    const byAdmin = await retract(admin, second.incident.id, second.noteId);
    expect(byAdmin.json().retracted.by.id).toBe(admin.user.id);
  });

  it('refuses to retract anything but a note, and an entry of another incident', async () => {
    const { incident, noteId } = await incidentWithNote();
    const declared = (await timeline(incident.id)).find((e) => e.kind === 'declared')!;
    const res = await retract(commander, incident.id, declared.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'entry_not_retractable', kind: 'declared' });

    const other = await incidentWithNote('Elsewhere');
    expect((await retract(commander, other.incident.id, noteId)).statusCode).toBe(404);
    expect((await timeline(incident.id)).map((e) => e.kind)).toEqual(['declared', 'note']);
  });

  it('changes nothing when a note is retracted twice', async () => {
    const { incident, noteId } = await incidentWithNote();
    const first = await retract(author, incident.id, noteId, { reason: 'Duplicate' });
    await t.clock.advance(60_000);
    const second = await retract(commander, incident.id, noteId, { reason: 'Again' });
    expect(second.statusCode).toBe(200);
    expect(second.json().retracted).toEqual(first.json().retracted);
    expect(await timelineKinds(t, incident.id)).toEqual(['declared', 'note', 'note_retracted']);
  });

  it('keeps retracted notes out of a postmortem drafted afterwards, and pinned ones in', async () => {
    const { incident, noteId } = await incidentWithNote('Not what happened');
    const kept = await call(author, 'POST', `/incidents/${incident.id}/notes`, { text: 'What happened' });
    for (const id of [noteId, kept.json().id]) {
      expect((await call(commander, 'PUT' as 'POST', `/incidents/${incident.id}/timeline/${id}/pin`)).statusCode).toBe(
        200,
      );
    }
    await retract(author, incident.id, noteId);
    expect((await call(commander, 'POST', `/incidents/${incident.id}/status`, { status: 'resolved' })).statusCode).toBe(
      200,
    );
    const viewer = { userId: commander.user.id, name: commander.user.name, role: commander.user.role };
    const { id } = await createPostmortem(t, viewer, { incidentId: incident.id });
    const detail = JSON.stringify(await postmortemDetail(t, viewer, id));
    expect(detail).toContain('What happened');
    expect(detail).not.toContain('Not what happened');
  });
});
