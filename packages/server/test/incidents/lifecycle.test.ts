import { allowedTransitions, canTransition, INCIDENT_STATUSES, type IncidentStatus } from '@firebreak/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person } from './helpers.js';

// Every legal move, and nothing else.
const LEGAL: [IncidentStatus, IncidentStatus[]][] = [
  ['triage', ['investigating', 'declined', 'merged']],
  ['investigating', ['identified', 'monitoring', 'resolved', 'merged']],
  ['identified', ['investigating', 'monitoring', 'resolved', 'merged']],
  ['monitoring', ['investigating', 'identified', 'resolved', 'merged']],
  ['resolved', ['closed', 'investigating']],
  ['closed', []],
  ['declined', []],
  ['merged', []],
];

describe('incident lifecycle rule', () => {
  for (const [from, to] of LEGAL) {
    for (const target of INCIDENT_STATUSES) {
      const legal = to.includes(target);
      it(`${from} → ${target} is ${legal ? 'legal' : 'refused'}`, () => {
        expect(canTransition(from, target)).toBe(legal);
      });
    }
    it(`lists the allowed moves from ${from}`, () =>
      expect([...allowedTransitions(from)].sort()).toEqual([...to].sort()));
  }
});

describeEachDialect('incident lifecycle', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  it('walks investigating → identified → monitoring → resolved → closed, stamping each milestone', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as);
    expect(incident.status).toBe('investigating');
    expect(incident.declaredAt).toBe(incident.acknowledgedAt);
    await t.clock.advance(60_000);
    await changeStatus(t, as, incident.id, { status: 'identified' });
    await t.clock.advance(60_000);
    const monitoring = await changeStatus(t, as, incident.id, { status: 'monitoring' });
    expect(monitoring.mitigatedAt).toBe(new Date(t.clock.now()).toISOString());
    await t.clock.advance(60_000);
    const resolved = await changeStatus(t, as, incident.id, { status: 'resolved' });
    expect(resolved.resolvedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(resolved.nextUpdateDueAt).toBeNull();
    await t.clock.advance(60_000);
    const closed = await changeStatus(t, as, incident.number, { status: 'closed' });
    expect(closed.closedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(closed.allowedTransitions).toEqual([]);
    expect(closed.timeline.items.filter((e) => e.kind === 'status_changed').map((e) => e.after)).toEqual([
      'closed',
      'resolved',
      'monitoring',
      'identified',
    ]);
  });

  it('refuses an illegal move with 409 and the allowed next states, changing nothing', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as);
    await changeStatus(t, as, incident.id, { status: 'resolved' });
    const err = await changeStatus(t, as, incident.id, { status: 'identified' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      status: 409,
      code: 'illegal_transition',
      extra: { allowed: ['closed', 'investigating'] },
    });
  });

  it('reopens a resolved incident and restarts the update rhythm', async () => {
    const { as } = await person(t);
    const incident = await declare(t, as, { severity: 'sev1' });
    await changeStatus(t, as, incident.id, { status: 'resolved' });
    await t.clock.advance(5 * 60_000);
    const reopened = await changeStatus(t, as, incident.id, { status: 'investigating', reason: 'errors are back' });
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.nextUpdateDueAt).toBe(new Date(t.clock.now() + 15 * 60_000).toISOString());
  });
});
