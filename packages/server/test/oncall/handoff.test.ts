import { CreateOverrideInput, CreateScheduleInput } from '@firebreak/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvents } from '../../src/core/events.js';
import { createOverride } from '../../src/domains/oncall/commands/create-override.js';
import { createSchedule } from '../../src/domains/oncall/commands/create-schedule.js';
import { HANDOFF_JOB, type HandoffPayload, handoffNoticeJob } from '../../src/domains/oncall/handoff.jobs.js';
import { buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('on-call handoff notices', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  async function pendingNotices(scheduleId: string) {
    const rows = await t.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', HANDOFF_JOB)
      .where('status', '=', 'pending')
      .orderBy('run_at')
      .execute();
    return rows
      .map((r) => ({
        id: r.id,
        runAt: r.run_at,
        dedupeKey: r.dedupe_key,
        payload: JSON.parse(r.payload) as HandoffPayload,
      }))
      .filter((r) => r.payload.scheduleId === scheduleId);
  }

  /** Runs a job the way the scheduler would: at its time, then removes it. */
  async function run(job: { id: string; runAt: number; payload: HandoffPayload }) {
    await t.clock.set(job.runAt);
    const seen: DomainEvents['oncall.shift_starting'][] = [];
    const off = t.events.on('oncall.shift_starting', (e) => {
      seen.push(e);
    });
    await handoffNoticeJob(
      { id: job.id, kind: HANDOFF_JOB, payload: job.payload, runAt: job.runAt, attempts: 1, maxAttempts: 10 },
      t,
    );
    off();
    await t.db.deleteFrom('jobs').where('id', '=', job.id).execute();
    return seen;
  }

  it('notices an hour before and at each handoff, rescheduling itself, and honours later overrides', async () => {
    const [a, b, c] = [await buildUser(t), await buildUser(t), await buildUser(t)];
    // Clock: Monday 2026-01-05 09:00 UTC, the first handoff of a daily 09:00 Berlin rotation.
    const scheduleId = await createSchedule(
      t,
      null,
      CreateScheduleInput.parse({
        name: `Handoffs ${dialect}`,
        layers: [
          {
            participants: [a.id, b.id],
            rotation: { unit: 'day', every: 1 },
            handoffTime: '09:00',
            timeZone: 'Europe/Berlin',
            startDate: '2026-01-05',
          },
        ],
      }),
    );
    let [next] = await pendingNotices(scheduleId);
    expect(next).toMatchObject({
      runAt: Date.parse('2026-01-06T07:00:00Z'),
      payload: { start: Date.parse('2026-01-06T08:00:00Z'), notice: 'upcoming' },
      dedupeKey: `${HANDOFF_JOB}:${scheduleId}:${Date.parse('2026-01-06T08:00:00Z')}:upcoming`,
    });

    let events = await run(next!);
    expect(events).toEqual([
      {
        scheduleId,
        scheduleName: `Handoffs ${dialect}`,
        userId: b.id,
        start: Date.parse('2026-01-06T08:00:00Z'),
        end: Date.parse('2026-01-07T08:00:00Z'),
        notice: 'upcoming',
      },
    ]);
    [next] = await pendingNotices(scheduleId);
    expect(next?.payload).toMatchObject({ start: Date.parse('2026-01-06T08:00:00Z'), notice: 'handoff' });

    // Between the two notices c agrees to cover b's first three hours: the handoff notice goes to c.
    await createOverride(
      t,
      null,
      scheduleId,
      CreateOverrideInput.parse({
        userId: c.id,
        replacedUserId: b.id,
        start: '2026-01-06T08:00:00Z',
        end: '2026-01-06T11:00:00Z',
      }),
    );
    const pending = await pendingNotices(scheduleId);
    expect(pending).toHaveLength(1); // the edit's plan merged into the existing job (same dedupe key)
    events = await run(pending[0]!);
    expect(events.map((e) => [e.userId, e.notice, new Date(e.end).toISOString()])).toEqual([
      [c.id, 'handoff', '2026-01-06T11:00:00.000Z'],
    ]);
    [next] = await pendingNotices(scheduleId);
    expect(next?.payload).toMatchObject({ start: Date.parse('2026-01-06T11:00:00Z'), notice: 'upcoming' });
    expect(next?.runAt).toBe(Date.parse('2026-01-06T10:00:00Z'));
  });

  it('keeps a recheck job for a schedule with nobody on call in the coming weeks', async () => {
    const a = await buildUser(t);
    const scheduleId = await createSchedule(
      t,
      null,
      CreateScheduleInput.parse({
        name: `Later ${dialect}`,
        layers: [
          { participants: [a.id], rotation: { unit: 'week', every: 1 }, timeZone: 'UTC', startDate: '2026-12-01' },
        ],
      }),
    );
    const [job] = await pendingNotices(scheduleId);
    expect(job?.payload.notice).toBe('recheck');
    expect(await run(job!)).toEqual([]);
    expect((await pendingNotices(scheduleId))[0]?.payload.notice).toBe('recheck');
  });
});
