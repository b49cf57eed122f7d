import { CreateOverrideInput, CreateScheduleInput, EscalationPolicyInput } from '@firebreak/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.js';
import { type Database, openPostgres, openSqlite } from '../../src/core/db/database.js';
import { createEscalationPolicy } from '../../src/domains/oncall/commands/create-escalation-policy.js';
import { createOverride } from '../../src/domains/oncall/commands/create-override.js';
import { createSchedule } from '../../src/domains/oncall/commands/create-schedule.js';
import { setServiceEscalationPolicy } from '../../src/domains/oncall/commands/set-service-escalation-policy.js';
import { onCallAt, resolveEscalationLevel } from '../../src/domains/oncall/index.js';
import { oncallDemo } from '../../src/domains/oncall/oncall.demo.js';
import { FRESH_MS } from '../../src/domains/oncall/schedule.service.js';
import { buildService, buildTeam, buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

describeEachDialect('on-call cache and demo', (dialect) => {
  let t: TestContext;
  let second: Database;
  let other: AppContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    // A second process on the same database: its own connections, its own in-memory cache.
    const url = t.database.url;
    second = dialect === 'sqlite' ? openSqlite(url.slice('sqlite:'.length)) : openPostgres(url, 2);
    other = { ...t, db: second.db };
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('sees a change made by another process on the next question', async () => {
    const [a, b] = [await buildUser(t), await buildUser(t)];
    const scheduleId = await createSchedule(
      t,
      null,
      CreateScheduleInput.parse({
        name: `Cached ${dialect}`,
        layers: [
          { participants: [a.id], rotation: { unit: 'day', every: 1 }, timeZone: 'UTC', startDate: '2026-01-01' },
        ],
      }),
    );
    const now = t.clock.now();
    expect((await onCallAt(t, [scheduleId], now))[0]?.stretch?.userId).toBe(a.id);
    await createOverride(
      other,
      null,
      scheduleId,
      CreateOverrideInput.parse({
        userId: b.id,
        start: new Date(now - 1000).toISOString(),
        end: new Date(now + 3_600_000).toISOString(),
      }),
    );
    // Trusted for FRESH_MS without a database round trip, then re-checked.
    expect((await onCallAt(t, [scheduleId], now))[0]?.stretch?.userId).toBe(a.id);
    await t.clock.advance(FRESH_MS);
    expect((await onCallAt(t, [scheduleId], now))[0]?.stretch?.userId).toBe(b.id);
  });

  it('sees its own change at once', async () => {
    const [a, b] = [await buildUser(t), await buildUser(t)];
    const scheduleId = await createSchedule(
      t,
      null,
      CreateScheduleInput.parse({
        name: `Own ${dialect}`,
        layers: [
          { participants: [a.id], rotation: { unit: 'day', every: 1 }, timeZone: 'UTC', startDate: '2026-01-01' },
        ],
      }),
    );
    const now = t.clock.now();
    expect((await onCallAt(t, [scheduleId], now))[0]?.stretch?.userId).toBe(a.id);
    await createOverride(
      t,
      null,
      scheduleId,
      CreateOverrideInput.parse({
        userId: b.id,
        start: new Date(now - 1000).toISOString(),
        end: new Date(now + 3_600_000).toISOString(),
      }),
    );
    expect((await onCallAt(t, [scheduleId], now))[0]?.stretch?.userId).toBe(b.id);
  });

  it('answers who is on call for a service in well under a millisecond once warm', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => buildUser(t)));
    const team = await buildTeam(t, { members: people });
    const service = await buildService(t, { teamId: team.id });
    const layer = (zone: string, i: number) => ({
      participants: people.map((p) => p.id),
      rotation: { unit: 'day', every: 1 },
      timeZone: zone,
      startDate: '2026-01-01',
      restrictions: i > 0 ? [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] : [],
    });
    const scheduleId = await createSchedule(
      t,
      null,
      CreateScheduleInput.parse({
        name: `Fast ${dialect}`,
        teamId: team.id,
        layers: ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham'].map(layer),
      }),
    );
    const { id: policyId } = await createEscalationPolicy(
      t,
      null,
      EscalationPolicyInput.parse({
        name: `Fast ${dialect}`,
        levels: [{ targets: [{ kind: 'schedule', id: scheduleId }] }],
      }),
    );
    await setServiceEscalationPolicy(t, null, service.id, policyId);
    const at = t.clock.now();
    expect(await resolveEscalationLevel(t, policyId, 0, at)).toHaveLength(1);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      await resolveEscalationLevel(t, policyId, 0, at + i * 60_000);
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    const p99 = times[Math.floor(times.length * 0.99)]!;
    console.log(
      `who is on call for a service [${dialect}]: p50 ${times[150]!.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`,
    );
    // The target is < 1 ms; a loaded CI machine gets slack, a missing cache would still fail this.
    expect(p99).toBeLessThan(2);
  });

  it('seeds demo schedules and policies for the directory demo’s teams, and nothing without them', async () => {
    const lines: unknown[] = [];
    const log = { ...t.log, info: (...args: unknown[]) => lines.push(args) } as unknown as AppContext['log'];
    await oncallDemo({ ...t, log });
    expect(
      await t.db.selectFrom('schedules').select('id').where('name', '=', 'Payments follow-the-sun').execute(),
    ).toEqual([]);

    const eu = await buildUser(t, { timeZone: 'Europe/Berlin' });
    const us = await buildUser(t, { timeZone: 'America/Los_Angeles' });
    const payments = await buildTeam(t, { name: 'Payments', members: [eu, us] });
    await buildTeam(t, { name: 'Platform', members: [await buildUser(t)] });
    const service = await buildService(t, { teamId: payments.id });
    await oncallDemo(t);
    const schedules = await t.db
      .selectFrom('schedules')
      .select('name')
      .where('name', 'in', ['Payments follow-the-sun', 'Platform weekly'])
      .execute();
    expect(schedules.map((s) => s.name).sort()).toEqual(['Payments follow-the-sun', 'Platform weekly']);
    const mapping = await t.db
      .selectFrom('service_escalation_policies')
      .selectAll()
      .where('service_id', '=', service.id)
      .executeTakeFirst();
    expect(mapping).toBeDefined();
    // 10:00 in Berlin on a Monday: Europe's daytime layer is on.
    expect(await resolveEscalationLevel(t, mapping!.policy_id, 0, t.clock.now())).toEqual([eu.id]);
  });
});
