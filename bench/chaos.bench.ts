// bench/chaos: the crash-safety test at a larger scale (issue #11, Report). The real `firebreak serve`
// is SIGKILLed BENCH_CHAOS_KILLS times (default 50) at random moments while a driver posts PagerDuty
// Events v2 events, restarted on the same data each time, on SQLite and PostgreSQL. Prints kills
// survived, events acknowledged vs stored, escalation steps due vs fired, and duplicates.
import { CHAOS_DEFAULTS, formatChaos, runChaos } from '../packages/server/test/reliability/crash-harness.js';
import { BENCH_DIALECTS, machineLine } from './lib.js';

const KILLS = Number(process.env.BENCH_CHAOS_KILLS ?? 50);

export default async function run(): Promise<void> {
  console.log(`${KILLS} SIGKILLs per dialect, 200–800 ms after each start, 4 connections posting up to 200 events/s`);
  console.log(machineLine());
  for (const dialect of BENCH_DIALECTS) {
    const report = await runChaos({
      ...CHAOS_DEFAULTS,
      dialect,
      kills: KILLS,
      settleTimeoutMs: 90_000,
      log: process.env.BENCH_VERBOSE ? console.log : undefined,
    });
    console.log(formatChaos(report));
    for (const exit of report.unexpectedExits) console.log(`UNEXPECTED EXIT ${exit}`);
  }
}
