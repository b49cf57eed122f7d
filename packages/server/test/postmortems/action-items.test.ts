import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/domains/incidents/commands/record-decision.js';
import { addNote } from '../../src/domains/incidents/commands/timeline.js';
import { createActionItem, updateActionItem } from '../../src/domains/postmortems/commands/action-items.js';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import {
  reassignActionItems,
  userOwnsOpenActionItems,
} from '../../src/domains/postmortems/commands/reassign-action-items.js';
import { listActionItems, overdueSummary } from '../../src/domains/postmortems/postmortems.service.js';
import { buildService, buildTeam, buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { appFor, type Caller, caller } from '../incidents/http.js';
import { DAY, person, recordEvents, resolvedIncident, runDueJobs } from './helpers.js';

const iso = (ms: number) => new Date(ms).toISOString();

describeEachDialect('action items', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let lead: Caller;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    lead = await caller(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const create = (payload: Record<string, unknown>, who = lead) =>
    app.inject({ method: 'POST', url: '/api/v1/action-items', headers: who.headers, payload });

  describe('creation', () => {
    it('comes from a postmortem, a decision or a timeline entry', async () => {
      const as = viewer(lead.user);
      const incident = await resolvedIncident(t, as);
      const decision = await recordDecision(t, as, incident.id, {
        question: 'Roll back?',
        options: [{ name: 'Yes' }, { name: 'No' }],
        choice: 'Yes',
      });
      const note = await addNote(t, as, incident.id, { text: 'Dashboards lagged by 5 minutes.' });
      // Before the postmortem exists, an item from a decision belongs to the incident only.
      const early = await create({ from: { kind: 'decision', id: decision.id }, title: 'Automate rollback' });
      expect(early.statusCode).toBe(201);
      expect(early.json()).toMatchObject({ postmortemId: null, source: { kind: 'decision', id: decision.id } });

      const { id: pmId } = await createPostmortem(t, as, { incidentId: incident.id });
      const fromEntry = await create({
        from: { kind: 'timeline_entry', id: note.id },
        title: 'Make dashboards real-time',
        kind: 'long_term',
        priority: 'low',
      });
      expect(fromEntry.json()).toMatchObject({
        postmortemId: pmId,
        kind: 'long_term',
        priority: 'low',
        status: 'open',
      });
      const fromPm = await create({
        from: { kind: 'postmortem', id: pmId },
        title: 'Add a canary for card payments',
        kind: 'immediate',
        ownerId: lead.user.id,
        trackerUrl: 'https://acme.atlassian.net/browse/PAY-42',
      });
      expect(fromPm.json()).toMatchObject({
        incident: { id: incident.id, number: incident.number },
        owner: { id: lead.user.id },
        tracker: { kind: 'jira', key: 'PAY-42' },
      });
      const detail = await app.inject({ method: 'GET', url: `/api/v1/postmortems/${pmId}`, headers: lead.headers });
      expect(detail.json().actionItems.map((a: { title: string }) => a.title)).toEqual([
        'Automate rollback',
        'Make dashboards real-time',
        'Add a canary for card payments',
      ]);
      const missing = await create({ from: { kind: 'decision', id: 'nope' }, title: 'Orphan' });
      expect(missing.statusCode).toBe(404);
    });

    it.each([['javascript:alert(1)'], ['https://example.com/tickets/1'], ['http://github.com/acme/shop/issues/1']])(
      'refuses the tracker link %s',
      async (trackerUrl) => {
        const incident = await resolvedIncident(t, viewer(lead.user));
        const { id } = await createPostmortem(t, viewer(lead.user), { incidentId: incident.id });
        const res = await create({ from: { kind: 'postmortem', id }, title: 'Linked', trackerUrl });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors[0].field).toBe('body.trackerUrl');
      },
    );

    it('defaults the team to the owner of the affected service', async () => {
      const team = await buildTeam(t);
      const service = await buildService(t, { teamId: team.id });
      const incident = await resolvedIncident(t, viewer(lead.user), { serviceIds: [service.id] });
      const { id } = await createPostmortem(t, viewer(lead.user), { incidentId: incident.id });
      const res = await create({ from: { kind: 'postmortem', id }, title: 'Team item' });
      expect(res.json().team).toEqual({ id: team.id, name: team.name });
    });
  });

  describe('editing', () => {
    it('guards against lost edits and stamps completion', async () => {
      const incident = await resolvedIncident(t, viewer(lead.user));
      const { id: pmId } = await createPostmortem(t, viewer(lead.user), { incidentId: incident.id });
      const item = (await create({ from: { kind: 'postmortem', id: pmId }, title: 'Fix it' })).json();
      const patch = (payload: Record<string, unknown>) =>
        app.inject({ method: 'PATCH', url: `/api/v1/action-items/${item.id}`, headers: lead.headers, payload });
      const done = await patch({ version: item.version, status: 'done' });
      expect(done.json()).toMatchObject({ status: 'done', completedAt: iso(t.clock.now()), version: item.version + 1 });
      const stale = await patch({ version: item.version, title: 'Fix it properly' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'stale_version', currentVersion: item.version + 1 });
      const reopened = await patch({ version: item.version + 1, status: 'open' });
      expect(reopened.json().completedAt).toBeNull();
    });
  });

  describe('overdue lists', () => {
    it('lists overdue items, mine, and counts them per person and per team', async () => {
      const ctx = await createTestContext(dialect, { clock: t.clock });
      try {
        const alice = await person(ctx);
        const bob = await person(ctx);
        const team = await buildTeam(ctx, { members: [alice.user] });
        const incident = await resolvedIncident(ctx, alice.as);
        const { id } = await createPostmortem(ctx, alice.as, { incidentId: incident.id });
        const now = ctx.clock.now();
        const make = (title: string, ownerId: string, dueAt: number, teamId: string | null = team.id) =>
          createActionItem(ctx, alice.as, {
            from: { kind: 'postmortem', id },
            title,
            ownerId,
            teamId,
            dueAt: iso(dueAt),
          });
        await make('Alice late 1', alice.user.id, now - 3 * DAY);
        await make('Alice late 2', alice.user.id, now - DAY);
        const b1 = await make('Bob late', bob.user.id, now - 2 * DAY, null);
        await make('Bob on time', bob.user.id, now + 5 * DAY, null);
        const finished = await make('Alice done', alice.user.id, now - 5 * DAY);
        const row = await ctx.db
          .selectFrom('action_items')
          .select('version')
          .where('id', '=', finished)
          .executeTakeFirstOrThrow();
        await updateActionItem(ctx, alice.as, finished, { version: row.version, status: 'done' });

        const overdue = await listActionItems(ctx, alice.as, { limit: 50, overdue: true });
        expect(overdue.items.map((i) => i.title).sort()).toEqual(['Alice late 1', 'Alice late 2', 'Bob late']);
        expect(overdue.items.every((i) => i.overdue)).toBe(true);
        const mine = await listActionItems(ctx, bob.as, { limit: 50, overdue: true, owner: 'me' });
        expect(mine.items.map((i) => i.id)).toEqual([b1]);
        const teamItems = await listActionItems(ctx, alice.as, { limit: 50, overdue: true, team: 'mine' });
        expect(teamItems.items.map((i) => i.title).sort()).toEqual(['Alice late 1', 'Alice late 2']);

        const summary = await overdueSummary(ctx, alice.as);
        expect(summary.total).toBe(3);
        expect(summary.byPerson).toEqual([
          { person: { id: alice.user.id, name: alice.user.name }, count: 2, oldestDueAt: iso(now - 3 * DAY) },
          { person: { id: bob.user.id, name: bob.user.name }, count: 1, oldestDueAt: iso(now - 2 * DAY) },
        ]);
        expect(summary.byTeam).toEqual([
          { team: { id: team.id, name: team.name }, count: 2, oldestDueAt: iso(now - 3 * DAY) },
          { team: null, count: 1, oldestDueAt: iso(now - 2 * DAY) },
        ]);

        const page = await listActionItems(ctx, alice.as, { limit: 2 });
        const next = await listActionItems(ctx, alice.as, { limit: 2, cursor: page.nextCursor! });
        expect(new Set([...page.items, ...next.items].map((i) => i.id)).size).toBe(4);
      } finally {
        await ctx.close();
      }
    });
  });

  describe('reminders', () => {
    it('reminds the owner before, at and weekly after the due time, once each, until it is done', async () => {
      const ctx = await createTestContext(dialect);
      try {
        const owner = await person(ctx);
        const incident = await resolvedIncident(ctx, owner.as);
        const { id } = await createPostmortem(ctx, owner.as, { incidentId: incident.id });
        const dueAt = ctx.clock.now() + 5 * DAY;
        const itemId = await createActionItem(ctx, owner.as, {
          from: { kind: 'postmortem', id },
          title: 'Add an alert',
          ownerId: owner.user.id,
          dueAt: iso(dueAt),
        });
        const events = recordEvents(ctx, ['action_item.reminder']);
        const steps = () => events.seen.map((e) => e.payload.step);

        await ctx.clock.set(dueAt - 2 * DAY - 1);
        await runDueJobs(ctx);
        expect(steps()).toEqual([]);
        await ctx.clock.set(dueAt - 2 * DAY);
        await runDueJobs(ctx);
        expect(steps()).toEqual(['due_soon']);
        await ctx.clock.set(dueAt);
        await runDueJobs(ctx);
        await runDueJobs(ctx);
        expect(steps()).toEqual(['due_soon', 'overdue']);
        expect(events.seen[1]!.payload).toEqual({
          actionItemId: itemId,
          recipientId: owner.user.id,
          step: 'overdue',
          dueAt,
        });
        await ctx.clock.set(dueAt + 7 * DAY);
        await runDueJobs(ctx);
        expect(steps()).toEqual(['due_soon', 'overdue', 'still_overdue']);

        const row = await ctx.db
          .selectFrom('action_items')
          .select('version')
          .where('id', '=', itemId)
          .executeTakeFirstOrThrow();
        await updateActionItem(ctx, owner.as, itemId, { version: row.version, status: 'done' });
        await ctx.clock.set(dueAt + 30 * DAY);
        await runDueJobs(ctx);
        expect(steps()).toEqual(['due_soon', 'overdue', 'still_overdue']);
        const pending = await ctx.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute();
        expect(pending).toEqual([]);
        events.stop();
      } finally {
        await ctx.close();
      }
    });

    it('follows a changed due date', async () => {
      const ctx = await createTestContext(dialect);
      try {
        const owner = await person(ctx);
        const incident = await resolvedIncident(ctx, owner.as);
        const { id } = await createPostmortem(ctx, owner.as, { incidentId: incident.id });
        const first = ctx.clock.now() + DAY;
        const itemId = await createActionItem(ctx, owner.as, {
          from: { kind: 'postmortem', id },
          title: 'Moved',
          ownerId: owner.user.id,
          dueAt: iso(first),
        });
        const row = await ctx.db
          .selectFrom('action_items')
          .select('version')
          .where('id', '=', itemId)
          .executeTakeFirstOrThrow();
        await updateActionItem(ctx, owner.as, itemId, { version: row.version, dueAt: iso(first + 10 * DAY) });
        const events = recordEvents(ctx, ['action_item.reminder']);
        await ctx.clock.set(first);
        await runDueJobs(ctx);
        expect(events.seen).toEqual([]);
        await ctx.clock.set(first + 8 * DAY);
        await runDueJobs(ctx);
        await ctx.clock.set(first + 10 * DAY);
        await runDueJobs(ctx);
        expect(events.seen.map((e) => [e.payload.step, e.payload.dueAt])).toEqual([
          ['due_soon', first + 10 * DAY],
          ['overdue', first + 10 * DAY],
        ]);
        events.stop();
      } finally {
        await ctx.close();
      }
    });
  });

  describe('when a person leaves', () => {
    it('tells the directory whether someone owns unfinished items, and hands them over', async () => {
      const leaving = await person(t);
      const successor = await person(t);
      const incident = await resolvedIncident(t, leaving.as);
      const { id } = await createPostmortem(t, leaving.as, { incidentId: incident.id });
      const open = await createActionItem(t, leaving.as, {
        from: { kind: 'postmortem', id },
        title: 'Open',
        ownerId: leaving.user.id,
      });
      const done = await createActionItem(t, leaving.as, {
        from: { kind: 'postmortem', id },
        title: 'Done',
        ownerId: leaving.user.id,
      });
      await updateActionItem(t, leaving.as, done, { version: 1, status: 'done' });
      expect(await userOwnsOpenActionItems(t.db, leaving.user.id)).toBe(true);
      const events = recordEvents(t, ['action_items.reassigned']);
      expect(await reassignActionItems(t, leaving.user.id, successor.user.id)).toEqual([open]);
      expect(await userOwnsOpenActionItems(t.db, leaving.user.id)).toBe(false);
      const owners = await t.db
        .selectFrom('action_items')
        .select(['id', 'owner_id'])
        .where('id', 'in', [open, done])
        .execute();
      expect(new Map(owners.map((o) => [o.id, o.owner_id]))).toEqual(
        new Map([
          [open, successor.user.id],
          [done, leaving.user.id],
        ]),
      );
      expect(events.seen[0]!.payload).toEqual({
        fromUserId: leaving.user.id,
        toUserId: successor.user.id,
        actionItemIds: [open],
      });
      const gone = await buildUser(t);
      await t.db.updateTable('users').set({ deactivated_at: t.clock.now() }).where('id', '=', gone.id).execute();
      await expect(reassignActionItems(t, successor.user.id, gone.id)).rejects.toMatchObject({ status: 400 });
      events.stop();
    });

    it('is an admin endpoint too', async () => {
      const from = await person(t);
      const to = await person(t);
      const admin = await caller(t, 'admin');
      const body = { fromUserId: from.user.id, toUserId: to.user.id };
      const denied = await app.inject({
        method: 'POST',
        url: '/api/v1/action-items/reassign',
        headers: lead.headers,
        payload: body,
      });
      expect(denied.statusCode).toBe(403);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/action-items/reassign',
        headers: admin.headers,
        payload: body,
      });
      expect(ok.json()).toEqual({ moved: [] });
    });
  });
});
