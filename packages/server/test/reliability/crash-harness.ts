import type { Dialect } from '../../src/core/db/database.js';
import {
  auditEvents,
  auditNotificationDuplicates,
  auditPaging,
  type EventAudit,
  type NotificationDuplicates,
  type PagingAudit,
  pagingSettled,
} from './crash-audit.js';
import { type Driver, type DriverCounts, type DriverOptions, pause, startDriver } from './crash-driver.js';
import { type CrashWorld, createCrashWorld } from './crash-world.js';

// Chaos under load, shared by test/reliability/crash-safety.test.ts and bench/chaos.bench.ts: a
// driver keeps posting events while the real `firebreak serve` is SIGKILLed at random moments and
// started again on the same data; then the last process runs undisturbed until the work that fell
// due is done, and the database and the webhook peer are audited.

export type ChaosOptions = {
  dialect: Dialect;
  /** SIGKILLs of a process that was up and serving. */
  kills: number;
  /** How long a process serves before it is killed: uniform in [min, max] ms. */
  upMs: [min: number, max: number];
  /** Share of restarts that are also killed during start-up (migrations, first admin, recovery). */
  startupKillShare: number;
  driver: Omit<DriverOptions, 'port' | 'routingKey'>;
  /** Longest wait for the last process to run what fell due. */
  settleTimeoutMs: number;
  /** Progress lines (one per kill). */
  log?: (line: string) => void;
};

export type ChaosReport = {
  dialect: Dialect;
  kills: number;
  startupKills: number;
  unexpectedExits: string[];
  load: DriverCounts;
  events: EventAudit;
  paging: PagingAudit;
  notifications: NotificationDuplicates;
  /** Exit code of the last process on SIGTERM. */
  finalExitCode: number | null;
  /** From SIGKILL to the next process listening, per kill. */
  restartMs: number[];
  durationMs: number;
};

/**
 * The load and kill pattern of the test and the benchmark: kills 200–800 ms into a process's life
 * (once it acknowledged an event), a fifth of restarts also killed while starting, four
 * connections posting up to 200 events/s, one in fifty opening a new alert group.
 */
export const CHAOS_DEFAULTS = {
  upMs: [200, 800],
  startupKillShare: 0.2,
  driver: { connections: 4, ratePerSecond: 200, newGroupShare: 0.02, newAlertShare: 0.2 },
} satisfies Partial<ChaosOptions>;

// The last process serves load a little before the driver stops, so it ingests after recovering too.
const FINAL_LOAD_MS = 3_000;
// Work due this close to the check may still be in flight.
const SETTLE_MARGIN_MS = 1_000;
const STARTUP_KILL_MAX_MS = 1_500;
const SERVE_TIMEOUT_MS = 60_000;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const world = await createCrashWorld(options.dialect);
  try {
    const driver = startDriver({ port: world.port, routingKey: world.routingKey, ...options.driver });
    let startupKills = 0;
    const restartMs: number[] = [];
    try {
      for (let kill = 1; kill <= options.kills; kill++) {
        await servedAfterStart(driver);
        await pause(between(options.upMs));
        const killedAt = Date.now();
        await world.crash();
        if (Math.random() < options.startupKillShare) {
          world.spawn();
          await pause(between([0, STARTUP_KILL_MAX_MS]));
          await world.crash();
          startupKills++;
        }
        await world.start();
        restartMs.push(Date.now() - killedAt);
        options.log?.(
          `[${options.dialect}] kill ${kill}/${options.kills}: restarted in ${restartMs.at(-1)} ms, ${driver.counts().acknowledged} events acknowledged so far`,
        );
      }
      await servedAfterStart(driver);
      await pause(FINAL_LOAD_MS);
    } finally {
      await driver.stop();
    }
    const paging = await settle(world, options.settleTimeoutMs);
    const finalExitCode = await world.stop();
    return {
      dialect: options.dialect,
      kills: options.kills,
      startupKills,
      unexpectedExits: world.unexpectedExits,
      load: driver.counts(),
      events: await auditEvents(world.database.db, driver.acknowledged),
      paging,
      notifications: await auditNotificationDuplicates(world.database.db, world.peer),
      finalExitCode,
      restartMs,
      durationMs: Date.now() - started,
    };
  } finally {
    await world.close();
  }
}

/**
 * Waits until the process just started acknowledged an event, so every kill lands on a process that
 * is ingesting rather than one still warming up.
 */
async function servedAfterStart(driver: Driver): Promise<void> {
  if (!(await driver.acknowledgedBeyond(driver.counts().acknowledged, SERVE_TIMEOUT_MS))) {
    throw new Error(`the restarted process acknowledged no event within ${SERVE_TIMEOUT_MS / 1000} s`);
  }
}

/** Audits until everything due is done or the time is up; answers the last audit. */
async function settle(world: CrashWorld, timeoutMs: number): Promise<PagingAudit> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const audit = await auditPaging(world.database.db, world.peer, Date.now() - SETTLE_MARGIN_MS);
    if (pagingSettled(audit) || Date.now() > deadline) return audit;
    await pause(500);
  }
}

/** The figures the issue asks for, one line each. */
export function formatChaos(r: ChaosReport): string {
  const n = (x: number) => x.toLocaleString('en');
  const e = r.events;
  const p = r.paging;
  const tag = `${r.dialect.padEnd(8)}`;
  const restarts = [...r.restartMs].sort((a, b) => a - b);
  const refused = Object.entries(r.load.refused)
    .map(([status, count]) => `${status} × ${n(count)}`)
    .join(', ');
  return [
    `${tag} kills survived: ${r.kills} (+${r.startupKills} during start-up), unexpected exits ${r.unexpectedExits.length}, last process exit code ${r.finalExitCode}; kill to listening again: median ${restarts[restarts.length >> 1]} ms, max ${restarts.at(-1)} ms`,
    `${tag} events acknowledged vs stored: ${n(e.acknowledged)} acknowledged, ${n(e.acknowledgedStored)} of them stored (${e.lost.length} lost); ${n(e.stored)} stored in all (${n(e.stored - e.acknowledgedStored)} committed but cut off before their 202)`,
    `${tag} escalation steps due vs fired: ${n(p.stepsDue)} due, ${n(p.stepsFired)} fired (${p.groups} alert groups); level webhooks ${n(p.deliveriesSeen)}/${n(p.deliveriesDue)} at the peer; overdue jobs ${p.overdueJobs}, dead jobs ${p.deadJobs.length}`,
    `${tag} duplicates: pages, level notifications or early steps ${p.unexpected.length}, notifications ${r.notifications.duplicates} (${r.notifications.duplicates - r.notifications.unexplained} after an interrupted send, ${r.notifications.unexplained} unexplained), events ${e.duplicates.length}`,
    `${tag} load: ${n(r.load.sent)} requests, ${n(r.load.failed)} cut off or refused by a dead process${refused ? `, ${refused}` : ''}; ${(r.durationMs / 1000).toFixed(0)} s`,
    ...p.missing.map((line) => `${tag} MISSING ${line}`),
    ...p.unexpected.map((line) => `${tag} UNEXPECTED ${line}`),
    ...p.deadJobs.map((line) => `${tag} DEAD ${line}`),
  ].join('\n');
}

const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
