import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole } from '../../src/domains/incidents/commands/assign-role.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { recordDecision } from '../../src/domains/incidents/commands/record-decision.js';
import { addNote, pinEntry } from '../../src/domains/incidents/commands/timeline.js';
import { findSimilarIncidents } from '../../src/domains/incidents/incidents.service.js';
import { addFactor } from '../../src/domains/postmortems/commands/analysis.js';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { changePostmortemStatus, updatePostmortem } from '../../src/domains/postmortems/commands/edit-postmortem.js';
import { saveSection } from '../../src/domains/postmortems/commands/sections.js';
import { setDueRule } from '../../src/domains/postmortems/commands/templates.js';
import { editTimelineEntry } from '../../src/domains/postmortems/commands/timeline.js';
import { listPostmortems, postmortemDetail } from '../../src/domains/postmortems/postmortems.service.js';
import { buildService } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { MIN, person, recordEvents, resolvedIncident } from './helpers.js';

const list = (t: TestContext, as: Parameters<typeof listPostmortems>[1], query: Record<string, unknown> = {}) =>
  listPostmortems(t, as, { limit: 50, ...query });

describeEachDialect('postmortem lifecycle', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  describe('a draft from a resolved incident', () => {
    it('is pre-filled from the incident and invites everyone involved', async () => {
      const commander = await person(t);
      const comms = await person(t);
      const bystander = await person(t);
      const events = recordEvents(t, ['postmortem.created', 'postmortem.contributors_invited']);
      const { incident } = await declareIncident(t, commander.as, {
        title: 'Search is down',
        severity: 'sev1',
        summary: 'The search index is empty.',
        impact: 'Nobody finds products.',
        usersAffected: 5000,
        source: 'alert',
        detectedAt: new Date(t.clock.now() - 4 * MIN).toISOString(),
      });
      await t.clock.advance(2 * MIN);
      await assignRole(t, commander.as, incident.id, { role: 'communications_lead', userId: comms.user.id });
      await t.clock.advance(3 * MIN);
      await postStatusUpdate(t, comms.as, incident.id, { currentStatus: 'Reindexing.', impact: 'Search down.' });
      await t.clock.advance(5 * MIN);
      await recordDecision(t, commander.as, incident.id, {
        question: 'Restore from backup?',
        options: [{ name: 'Restore' }, { name: 'Reindex' }],
        choice: 'Restore',
      });
      const pinned = await addNote(t, bystander.as, incident.id, { text: 'Backup is 2 hours old.' });
      await pinEntry(t, commander.as, incident.id, pinned.id, true);
      await addNote(t, commander.as, incident.id, { text: 'Chatter that should stay out.' });
      await t.clock.advance(20 * MIN);
      await changeStatus(t, commander.as, incident.id, { status: 'resolved' });
      const resolvedAt = t.clock.now();

      const { id } = await createPostmortem(t, commander.as, { incidentId: incident.number });
      const pm = await postmortemDetail(t, commander.as, id);

      expect(pm.status).toBe('draft');
      expect(pm.owner?.id).toBe(commander.user.id);
      expect(pm.required).toBe(true);
      // Resolved Monday: a draft within 2 working days is due Wednesday at the same time.
      expect(new Date(pm.dueAt!).getTime() - resolvedAt).toBe(2 * 24 * 60 * MIN);
      expect(pm.sections.map((s) => s.key)).toEqual([
        'introduction',
        'impact',
        'timeline',
        'five_whys',
        'contributing_factors',
        'went_well',
        'went_badly',
        'incident_process',
        'action_items',
      ]);
      const body = (key: string) => pm.sections.find((s) => s.key === key)!.body;
      expect(body('introduction')).toContain('The search index is empty.');
      expect(body('introduction')).toContain('An alert from monitoring.');
      expect(body('impact')).toContain('about 5000');
      expect(body('incident_process')).toContain('**Time to resolve:** 34 min');
      expect(body('incident_process')).toContain('1 posted, 2 due at one every 15 min; the cadence did not hold');
      expect(pm.figures).toMatchObject({
        timeToDeclareMs: 4 * MIN,
        timeToResolveMs: 34 * MIN,
        updatesPosted: 1,
        updatesDue: 2,
        longestSilenceMs: 25 * MIN,
        cadenceHeld: false,
      });

      const kinds = pm.timeline.map((e) => e.kind);
      expect(kinds).toEqual(['declared', 'role_assigned', 'status_update', 'decision', 'note', 'status_changed']);
      expect(pm.timeline.find((e) => e.kind === 'note')?.text).toBe('Backup is 2 hours old.');
      expect(pm.timeline.map((e) => e.sincePreviousMs)).toEqual([null, 2 * MIN, 3 * MIN, 5 * MIN, 0, 20 * MIN]);

      const contributors = new Map(pm.contributors.map((c) => [c.person.id, c.reason]));
      expect(contributors.get(commander.user.id)).toBe('commander');
      expect(contributors.get(comms.user.id)).toBe('communications_lead');
      expect(contributors.get(bystander.user.id)).toBe('timeline');
      const invited = events.seen.find((e) => e.name === 'postmortem.contributors_invited')!.payload as {
        userIds: string[];
      };
      expect(new Set(invited.userIds)).toEqual(new Set([commander.user.id, comms.user.id, bystander.user.id]));
      expect(events.seen[0]).toMatchObject({
        name: 'postmortem.created',
        payload: { postmortemId: id, automatic: false },
      });
      events.stop();
    });

    it('edits its own copy of the timeline, never the incident’s', async () => {
      const { as } = await person(t);
      const incident = await resolvedIncident(t, as);
      const { id } = await createPostmortem(t, as, { incidentId: incident.id });
      const entry = (await postmortemDetail(t, as, id)).timeline[0]!;
      await editTimelineEntry(t, as, id, entry.id, { text: 'Declared after the alert fired twice' });
      const after = await postmortemDetail(t, as, id);
      expect(after.timeline[0]).toMatchObject({ text: 'Declared after the alert fired twice', edited: true });
      const original = await t.db
        .selectFrom('timeline_entries')
        .select('text')
        .where('id', '=', entry.sourceEntryId!)
        .executeTakeFirstOrThrow();
      expect(original.text).toBe(entry.text);
    });

    it('is refused for an unresolved incident and when one exists', async () => {
      const { as } = await person(t);
      const { incident } = await declareIncident(t, as, { title: 'Still burning', severity: 'sev2' });
      await expect(createPostmortem(t, as, { incidentId: incident.id })).rejects.toMatchObject({
        status: 409,
        code: 'incident_not_resolved',
      });
      const done = await resolvedIncident(t, as);
      const { id } = await createPostmortem(t, as, { incidentId: done.id });
      await expect(createPostmortem(t, as, { incidentId: done.id })).rejects.toMatchObject({
        status: 409,
        code: 'postmortem_exists',
        extra: { postmortemId: id },
      });
    });

    it('uses the due rule configured for the severity', async () => {
      const admin = await person(t, 'admin');
      await setDueRule(t, admin.as, 'sev3', { draftDueWorkingDays: 1, publishDueWorkingDays: 5 });
      const incident = await resolvedIncident(t, admin.as, { severity: 'sev3' });
      const resolvedAt = t.clock.now();
      const { id } = await createPostmortem(t, admin.as, { incidentId: incident.id });
      const pm = await postmortemDetail(t, admin.as, id);
      expect(pm.required).toBe(false);
      expect(Date.parse(pm.dueAt!) - resolvedAt).toBe(24 * 60 * MIN); // Monday → Tuesday
      expect(Date.parse(pm.publishDueAt!) - resolvedAt).toBe(7 * 24 * 60 * MIN); // 5 working days → next Monday
    });
  });

  describe('review and publication', () => {
    it('moves draft → in review → published; only the owner, commander or an admin publishes', async () => {
      const owner = await person(t);
      const other = await person(t);
      const incident = await resolvedIncident(t, owner.as);
      const { id } = await createPostmortem(t, owner.as, { incidentId: incident.id });
      await expect(changePostmortemStatus(t, owner.as, id, { status: 'published' })).rejects.toMatchObject({
        status: 409,
        code: 'illegal_transition',
        extra: { allowed: ['in_review'] },
      });
      await changePostmortemStatus(t, other.as, id, { status: 'in_review' });
      await expect(changePostmortemStatus(t, other.as, id, { status: 'published' })).rejects.toMatchObject({
        status: 403,
      });
      await t.clock.advance(MIN);
      await changePostmortemStatus(t, owner.as, id, { status: 'published' });
      const pm = await postmortemDetail(t, owner.as, id);
      expect(pm.status).toBe('published');
      expect(pm.publishedAt).toBe(new Date(t.clock.now()).toISOString());
      expect(pm.allowedTransitions).toEqual([]);
    });

    it('makes a published postmortem searchable, drafts not', async () => {
      const { as } = await person(t);
      const published = await resolvedIncident(t, as, { title: 'Payments slow', summary: 'Latency rose.' });
      const draft = await resolvedIncident(t, as, { title: 'Payments slow again', summary: 'Latency rose.' });
      const a = await createPostmortem(t, as, { incidentId: published.id });
      const b = await createPostmortem(t, as, { incidentId: draft.id });
      for (const { id } of [a, b]) {
        const section = (await postmortemDetail(t, as, id)).sections.find((s) => s.key === 'went_badly')!;
        await saveSection(t, as, id, 'went_badly', {
          body: 'The connection pool was exhausted by retries.',
          version: section.version,
        });
      }
      await changePostmortemStatus(t, as, a.id, { status: 'in_review' });
      await changePostmortemStatus(t, as, a.id, { status: 'published' });
      const found = await list(t, as, { q: 'exhausted pool' });
      expect(found.items.map((p) => p.id)).toEqual([a.id]);
      const similar = await findSimilarIncidents(t, as, { text: 'connection pool exhausted', limit: 5 });
      expect(similar.map((s) => s.id)).toContain(published.id);
      expect(similar.map((s) => s.id)).not.toContain(draft.id);
    });
  });

  describe('the repository', () => {
    it('filters by service, severity, tag and contributing factor', async () => {
      const { as } = await person(t);
      const checkout = await buildService(t, { name: `checkout-${dialect}` });
      const one = await resolvedIncident(t, as, { severity: 'sev1', serviceIds: [checkout.id] });
      const two = await resolvedIncident(t, as, { severity: 'sev2' });
      const a = await createPostmortem(t, as, { incidentId: one.id });
      const b = await createPostmortem(t, as, { incidentId: two.id });
      const pmA = await postmortemDetail(t, as, a.id);
      await updatePostmortem(t, as, a.id, { version: pmA.version, tags: ['Database', 'capacity planning'] });
      await addFactor(t, as, b.id, { category: 'Monitoring', description: 'No alert on queue age.' });
      const ids = async (query: Record<string, unknown>) => (await list(t, as, query)).items.map((p) => p.id);
      expect(await ids({ service: checkout.slug })).toEqual([a.id]);
      expect(await ids({ severity: 'sev1' })).toContain(a.id);
      expect(await ids({ severity: 'sev1' })).not.toContain(b.id);
      expect(await ids({ tag: 'database' })).toEqual([a.id]);
      expect(await ids({ factor: 'monitoring' })).toEqual([b.id]);
      expect((await list(t, as, { tag: 'database' })).items[0]!.tags).toEqual(['capacity planning', 'database']);
      await expect(list(t, as, { severity: 'sev9' })).rejects.toMatchObject({ status: 400 });
    });

    it('keeps the postmortem of a private incident private', async () => {
      const insider = await person(t);
      const outsider = await person(t);
      const incident = await resolvedIncident(t, insider.as, { private: true, title: 'Secret breach' });
      const { id } = await createPostmortem(t, insider.as, { incidentId: incident.id });
      await expect(postmortemDetail(t, outsider.as, id)).rejects.toMatchObject({ status: 404 });
      expect((await list(t, outsider.as)).items.map((p) => p.id)).not.toContain(id);
      expect((await list(t, insider.as)).items.map((p) => p.id)).toContain(id);
    });
  });
});
