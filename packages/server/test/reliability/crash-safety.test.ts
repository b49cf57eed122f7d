import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { CHAOS_DEFAULTS, formatChaos, runChaos } from './crash-harness.js';

// Issue #11, crash safety: the real server is SIGKILLed at random moments under sustained ingestion
// and restarted on the same data. A 202 is a promise: every acknowledged event must be stored, once.
// Every escalation step that fell due must have run and reached its person at the webhook peer, and
// a webhook may repeat only where the next process found its send interrupted (same Idempotency-Key).

const KILLS = 20;

describeEachDialect('crash safety: SIGKILL under sustained ingestion', (dialect) => {
  it(`survives ${KILLS} kills: no acknowledged event lost or doubled, no escalation step skipped`, {
    timeout: 15 * 60_000,
  }, async () => {
    const report = await runChaos({
      ...CHAOS_DEFAULTS,
      dialect,
      kills: KILLS,
      settleTimeoutMs: 60_000,
    });
    console.log(formatChaos(report));

    expect(report.unexpectedExits).toEqual([]);
    expect(report.events.acknowledged).toBeGreaterThan(KILLS);
    // Sequence numbers, the first few: a long list would bury the figures printed above.
    expect(report.events.lost.slice(0, 20)).toEqual([]);
    expect(report.events.duplicates.slice(0, 20)).toEqual([]);
    expect(report.paging.groups).toBeGreaterThan(0);
    expect(report.paging.missing).toEqual([]);
    expect(report.paging.unexpected).toEqual([]);
    expect(report.paging.stepsFired).toBe(report.paging.stepsDue);
    expect(report.paging.deliveriesSeen).toBe(report.paging.deliveriesDue);
    expect(report.paging.overdueJobs).toBe(0);
    expect(report.paging.deadJobs).toEqual([]);
    expect(report.notifications.unexplained).toBe(0);
    expect(report.finalExitCode).toBe(0);
  });
});
