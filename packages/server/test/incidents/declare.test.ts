import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { channelBaseName } from '../../src/domains/incidents/channel-name.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { buildService, buildTeam } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { person, timelineKinds } from './helpers.js';

describe('channel name', () => {
  // 23:30 UTC on 1 March is already 2 March in Berlin and still 1 March in New York.
  const at = Date.parse('2026-03-01T23:30:00Z');
  it('uses the declaration date in the organisation time zone', () => {
    expect(channelBaseName('Checkout down!', at, 'Europe/Berlin')).toBe('inc-2026-03-02-checkout-down');
    expect(channelBaseName('Checkout down!', at, 'America/New_York')).toBe('inc-2026-03-01-checkout-down');
    expect(channelBaseName('Checkout down!', at, 'UTC')).toBe('inc-2026-03-01-checkout-down');
  });
  it('follows the zone across a daylight-saving change', () => {
    // Berlin switches to summer time on 29 March 2026: 22:30 UTC is 00:30 CEST on the 30th.
    expect(channelBaseName('x', Date.parse('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toBe('inc-2026-03-30-x');
    expect(channelBaseName('x', Date.parse('2026-03-28T22:30:00Z'), 'Europe/Berlin')).toBe('inc-2026-03-28-x');
  });
});

describeEachDialect('declaring incidents', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  it('gives 20 concurrent declarations 20 distinct consecutive numbers', async () => {
    const { as } = await person(t);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        declareIncident(t, as, { title: `Concurrent incident ${i}`, severity: 'sev3' }),
      ),
    );
    const numbers = results.map((r) => Number(r.incident.number.slice(4)));
    expect(new Set(numbers).size).toBe(20);
    const sorted = [...numbers].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBe(19);
    expect(results.every((r) => /^INC-\d+$/.test(r.incident.number))).toBe(true);
  });

  it('names the channel by the org-zone date of declaration', async () => {
    const { as } = await person(t);
    const berlin = { ...t, config: { ...t.config, orgTimeZone: 'Europe/Berlin' } };
    await t.clock.set(Date.parse('2026-03-01T23:30:00Z'));
    const a = await declareIncident(berlin, as, { title: 'Login page blank', severity: 'sev2' });
    expect(a.incident.channelName).toBe('inc-2026-03-02-login-page-blank');
    const utc = await declareIncident(t, as, { title: 'Login page blank', severity: 'sev2' });
    expect(utc.incident.channelName).toBe('inc-2026-03-01-login-page-blank');
    // The same name on the same day gets the number appended rather than a clash.
    const again = await declareIncident(berlin, as, { title: 'Login page blank', severity: 'sev2' });
    expect(again.incident.channelName).toBe(`inc-2026-03-02-login-page-blank-${again.incident.number.slice(4)}`);
  });

  it('makes the declarer commander, writes the declaration on the timeline and routes to the owning team', async () => {
    const { user, as } = await person(t);
    const team = await buildTeam(t);
    const service = await buildService(t, { teamId: team.id });
    const { incident } = await declareIncident(t, as, {
      title: 'Payments API returns 500',
      severity: 'sev1',
      summary: 'Every card payment fails',
      impact: 'All customers paying by card',
      usersAffected: 5000,
      serviceIds: [service.id],
      source: 'alert',
    });
    expect(incident).toMatchObject({
      status: 'investigating',
      severity: { key: 'sev1', name: 'Sev1', urgency: 'high' },
      commander: { id: user.id },
      communicationsLead: { id: user.id },
      teamId: team.id,
      services: [{ id: service.id, name: service.name }],
      usersAffected: 5000,
      source: 'alert',
      version: 1,
      updateOverdue: false,
      nextUpdateDueAt: new Date(t.clock.now() + 15 * 60_000).toISOString(),
    });
    expect(incident.roles.find((r) => r.role === 'communications_lead')?.implicit).toBe(true);
    expect(await timelineKinds(t, incident.id)).toEqual(['declared']);
  });

  it('names the unknown severity, service or person in a 400', async () => {
    const { as } = await person(t);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ severity: 'sev9' }, 'severity', /unknown severity "sev9"; choose one of sev1, sev2, sev3, sev4/],
      [{ serviceIds: ['no-such-service'] }, 'serviceIds', /unknown service "no-such-service"/],
      [{ commanderId: 'nobody-42' }, 'commanderId', /no active person with id "nobody-42"/],
    ];
    for (const [overrides, field, message] of cases) {
      const err = await declareIncident(t, as, { title: 'Bad input', severity: 'sev2', ...overrides } as never).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err.status).toBe(400);
      expect(err.extra.errors[0].field).toBe(field);
      expect(err.message).toMatch(message);
    }
  });

  it('suggests similar past incidents, best match first, never the new one itself', async () => {
    const { as } = await person(t);
    const old = await declareIncident(t, as, {
      title: 'Database connection pool exhausted',
      severity: 'sev2',
      summary: 'The orders database refused new connections during the sale',
    });
    await changeStatus(t, as, old.incident.id, { status: 'resolved' });
    await declareIncident(t, as, { title: 'Images missing on product pages', severity: 'sev4' });
    const fresh = await declareIncident(t, as, {
      title: 'Orders database connections refused',
      severity: 'sev2',
      summary: 'Connection pool exhausted again',
    });
    expect(fresh.similar[0]).toMatchObject({ id: old.incident.id, status: 'resolved' });
    expect(fresh.similar.map((s) => s.id)).not.toContain(fresh.incident.id);
    expect(fresh.similar.map((s) => s.title)).not.toContain('Images missing on product pages');
  });
});
