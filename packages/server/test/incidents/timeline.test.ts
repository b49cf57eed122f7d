import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignRole } from '../../src/domains/incidents/commands/assign-role.js';
import { changeIncident } from '../../src/domains/incidents/commands/change.js';
import { changeSeverity } from '../../src/domains/incidents/commands/change-severity.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { recordDecision } from '../../src/domains/incidents/commands/record-decision.js';
import { addNote, pinEntry } from '../../src/domains/incidents/commands/timeline.js';
import { updateIncident } from '../../src/domains/incidents/commands/update-incident.js';
import { getTimeline, getVisibleIncident, incidentDetail } from '../../src/domains/incidents/incidents.service.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person, timelineKinds } from './helpers.js';

describeEachDialect('incident timeline', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  it('writes one entry with before → after for every change', async () => {
    const { as } = await person(t);
    const { user: other } = await person(t);
    const incident = await declare(t, as);
    await updateIncident(t, as, incident.id, { version: 1, title: 'Checkout is failing for cards' });
    await changeSeverity(t, as, incident.id, { severity: 'sev1', reason: 'Data loss suspected' });
    await assignRole(t, as, incident.id, { role: 'communications_lead', userId: other.id });
    await changeStatus(t, as, incident.id, { status: 'identified' });
    await addNote(t, as, incident.id, { text: 'Rolled back build 812' });
    await recordDecision(t, as, incident.id, {
      question: 'Roll back or patch?',
      options: [{ name: 'Roll back', tradeoffs: 'fast, loses feature' }, { name: 'Patch' }],
      choice: 'roll back',
      rationale: 'Stop the bleeding',
    });
    await postStatusUpdate(t, as, incident.id, { currentStatus: 'Rolling back' });
    expect(await timelineKinds(t, incident.id)).toEqual([
      'declared',
      'field_changed',
      'severity_changed',
      'role_assigned',
      'status_changed',
      'note',
      'decision',
      'status_update',
    ]);
    const page = await getTimeline(t, incident.id, { order: 'asc', limit: 50 });
    const severity = page.items.find((e) => e.kind === 'severity_changed')!;
    expect(severity).toMatchObject({
      before: 'sev2',
      after: 'sev1',
      data: { reason: 'Data loss suspected' },
      actor: { id: as.userId },
    });
    const title = page.items.find((e) => e.kind === 'field_changed')!;
    expect(title).toMatchObject({ before: 'Checkout is failing', after: 'Checkout is failing for cards' });
    const decision = page.items.find((e) => e.kind === 'decision')!;
    expect(decision.text).toBe('Decided: Roll back or patch? → Roll back (Stop the bleeding)');
    const detail = await incidentDetail(t, await getVisibleIncident(t, as, incident.id), as);
    expect(detail.decisions[0]).toMatchObject({
      choice: 'Roll back',
      options: [
        { name: 'Roll back', tradeoffs: 'fast, loses feature' },
        { name: 'Patch', tradeoffs: '' },
      ],
    });
    expect(detail.communicationsLead?.id).toBe(other.id);
  });

  it('rolls the entry back with the change when the change fails', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as);
    const failure = changeIncident(t, as, incident.id, async (c) => {
      c.set({ status: 'identified' });
      await c.record({ kind: 'status_changed', text: 'about to fail', before: 'investigating', after: 'identified' });
      throw new Error('disk full');
    });
    await expect(failure).rejects.toThrow('disk full');
    expect(await timelineKinds(t, incident.id)).toEqual(['declared']);
    const after = await getVisibleIncident(t, as, incident.id);
    expect(after.status).toBe('investigating');
    expect(after.version).toBe(1);
  });

  it('keeps notes about the past in happened order, and records when they were written', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as);
    const recordedAt = t.clock.now();
    const past = await addNote(t, as, incident.id, {
      text: 'First customer complaint',
      happenedAt: new Date(recordedAt - 30 * 60_000).toISOString(),
    });
    expect(past.happenedAt).toBe(new Date(recordedAt - 30 * 60_000).toISOString());
    expect(past.recordedAt).toBe(new Date(recordedAt).toISOString());
    const oldestFirst = await getTimeline(t, incident.id, { order: 'asc', limit: 10 });
    expect(oldestFirst.items[0]?.text).toBe('First customer complaint');
    await expect(
      addNote(t, as, incident.id, {
        text: 'from the future',
        happenedAt: new Date(recordedAt + 3_600_000).toISOString(),
      }),
    ).rejects.toMatchObject({ status: 400, message: 'happenedAt: may not be in the future' });
  });

  it('pages newest-first and oldest-first with keyset cursors, filters by kind and pins', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as);
    for (let i = 1; i <= 7; i++) {
      await t.clock.advance(1000);
      await addNote(t, as, incident.id, { text: `note ${i}` });
    }
    // Two entries at the same millisecond: the id breaks the tie, and no page repeats or skips one.
    await addNote(t, as, incident.id, { text: 'note 8' });
    const collect = async (order: 'asc' | 'desc') => {
      const texts: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await getTimeline(t, incident.id, { order, limit: 3, cursor, kind: ['note'] });
        texts.push(...page.items.map((e) => e.text));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return texts;
    };
    const asc = await collect('asc');
    expect(asc).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5', 'note 6', 'note 7', 'note 8']);
    expect(await collect('desc')).toEqual([...asc].reverse());

    const third = (await getTimeline(t, incident.id, { order: 'asc', limit: 3, kind: ['note'] })).items[2]!;
    const pinned = await pinEntry(t, as, incident.id, third.id, true);
    expect(pinned.pinned).toBe(true);
    const onlyPinned = await getTimeline(t, incident.id, { order: 'asc', limit: 10, pinned: true });
    expect(onlyPinned.items.map((e) => e.text)).toEqual(['note 3']);
    await pinEntry(t, as, incident.id, third.id, false);
    expect((await getTimeline(t, incident.id, { order: 'asc', limit: 10, pinned: true })).items).toEqual([]);
  });
});
