// bench/oncall: (1) the final schedule of 100 schedules × 5 layers over 90 days, cold (a fresh
// process's first pass: database load, Luxon zones, JIT) and warm; (2) who is on call for a
// service through the domain's exported functions (policyIdOfService + resolveEscalationLevel, as
// the paging domain calls them), p50/p99 over 10,000 calls, and GET /api/v1/oncall?service= over
// loopback for reference. Everything is created through the domain's commands.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateOverrideInput, CreateScheduleInput, EscalationPolicyInput } from '@firebreak/shared';
import { sql } from 'kysely';
import { FakeClock, systemClock } from '../packages/server/src/core/clock.js';
import { loadConfig } from '../packages/server/src/core/config.js';
import type { AppContext } from '../packages/server/src/core/context.js';
import { type Dialect, openPostgres, openSqlite } from '../packages/server/src/core/db/database.js';
import { EventBus } from '../packages/server/src/core/events.js';
import { createLogger } from '../packages/server/src/core/logger.js';
import { createEscalationPolicy } from '../packages/server/src/domains/oncall/commands/create-escalation-policy.js';
import { createOverride } from '../packages/server/src/domains/oncall/commands/create-override.js';
import { createSchedule } from '../packages/server/src/domains/oncall/commands/create-schedule.js';
import { setServiceEscalationPolicy } from '../packages/server/src/domains/oncall/commands/set-service-escalation-policy.js';
import { policyIdOfService, resolveEscalationLevel } from '../packages/server/src/domains/oncall/index.js';
import { resolveSchedule } from '../packages/server/src/domains/oncall/schedule.engine.js';
import { toEngineOverride } from '../packages/server/src/domains/oncall/schedule.repo.js';
import {
  FRESH_MS,
  type LoadedSchedule,
  loadSchedules,
  resolveLoaded,
} from '../packages/server/src/domains/oncall/schedule.service.js';
import { buildApp } from '../packages/server/src/http/app.js';
import type { TestContext } from '../packages/server/test/databases.js';
import {
  type BuiltUser,
  bearer,
  buildService,
  buildTeam,
  buildUser,
  tokenFor,
} from '../packages/server/test/factories.js';
import {
  BENCH_DIALECTS,
  benchContext,
  describeRuns,
  fmt,
  machineLine,
  percentile,
  seededRandom,
  verdict,
} from './lib.js';

const SCHEDULES = 100;
const TEAMS = 20;
const PEOPLE = 80;
const RANGE_DAYS = 90;
const CALLS = 10_000;
const FINAL_TARGET_MS = 100;
const ONCALL_TARGET_P99 = 1;
const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'America/Los_Angeles'];

/** Set in the child process that measures the final schedule from a cold start. */
const CHILD_ENV = 'FIREBREAK_BENCH_ONCALL_CHILD';
/** `service`: the first pass goes through loadSchedule (database + engine); `engine`: definitions are read first, the first pass times the engine alone. */
type ChildArgs = {
  dialect: Dialect;
  url: string;
  ids: string[];
  from: number;
  to: number;
  first: 'service' | 'engine';
};
type ChildFigures = { cold: number; warm: number[]; engine: number[]; shifts: number };

if (process.env[CHILD_ENV]) {
  const figures = await measureFinalSchedule(JSON.parse(process.env[CHILD_ENV]) as ChildArgs);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}

export default async function run(): Promise<void> {
  console.log(machineLine());
  for (const dialect of BENCH_DIALECTS) {
    const ctx = await benchContext(dialect);
    try {
      const t = performance.now();
      const seeded = await seed(ctx);
      if (dialect === 'postgres') await sql`analyze`.execute(ctx.db);
      console.log(
        `${dialect}: seeded ${SCHEDULES} schedules × 5 layers (+3 overrides each), ${SCHEDULES} policies and services through the commands in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      await benchFinalSchedule(ctx, seeded.scheduleIds);
      await benchWhoIsOnCall(ctx, seeded);
    } finally {
      await ctx.close();
    }
  }
}

async function benchFinalSchedule(ctx: TestContext, ids: string[]) {
  const from = systemClock.now();
  const to = from + RANGE_DAYS * DAY;
  // A fresh process, as after a restart: nothing cached, Luxon zones not yet memoised, code not JIT-compiled.
  const args = { dialect: ctx.dialect, url: ctx.database.url, ids, from, to };
  const figures = await inChild({ ...args, first: 'service' });
  // A second fresh process reads the definitions first, so its first pass is the engine's cold cost alone.
  const engineFirst = await inChild({ ...args, first: 'engine' });
  const warm = percentile(figures.warm, 50);
  console.log(
    `\n${ctx.dialect}: (1) final schedule of ${SCHEDULES} schedules × 5 layers over ${RANGE_DAYS} days (${figures.shifts.toLocaleString('en')} final shifts), loadSchedule + resolveLoaded per schedule`,
  );
  console.log(
    `  cold (fresh process, first pass, loads from the database): ${fmt(figures.cold)}  target < ${FINAL_TARGET_MS} ms: ${verdict(figures.cold, FINAL_TARGET_MS)}`,
  );
  console.log(
    `    of which the engine, cold (another fresh process, definitions read first): ${fmt(engineFirst.cold)}`,
  );
  console.log(
    `  warm (definitions cached, 20 passes): median ${fmt(warm)}, worst ${fmt(Math.max(...figures.warm))}  target < ${FINAL_TARGET_MS} ms: ${verdict(warm, FINAL_TARGET_MS)}`,
  );
  console.log(
    `  engine alone (resolveSchedule, definitions in memory, 20 passes): median ${fmt(percentile(figures.engine, 50))}, worst ${fmt(Math.max(...figures.engine))}`,
  );
}

function inChild(args: ChildArgs): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || !last) reject(new Error(`final-schedule child exited with ${code}: ${out}`));
      else resolve(JSON.parse(last) as ChildFigures);
    });
  });
}

/** Runs in the child: opens the database as the server would and resolves every schedule. */
async function measureFinalSchedule(args: ChildArgs): Promise<ChildFigures> {
  const database =
    args.dialect === 'sqlite' ? openSqlite(args.url.slice('sqlite:'.length)) : openPostgres(args.url, 10);
  const ctx: AppContext = {
    config: loadConfig({ FIREBREAK_DATA_DIR: path.join(tmpdir(), 'firebreak-bench'), FIREBREAK_LOG_LEVEL: 'silent' }),
    db: database.db,
    dialect: args.dialect,
    clock: systemClock,
    log: createLogger('silent'),
    events: new EventBus(),
    secretKey: 'bench-secret-key-0123456789abcdef0123456789abcdef',
  };
  try {
    let shifts = 0;
    const pass = async () => {
      const start = performance.now();
      shifts = 0;
      const all = await loadSchedules(ctx, args.ids, args.from, args.to);
      for (const id of args.ids) {
        const loaded = all.get(id);
        if (!loaded) throw new Error(`schedule ${id} not found`);
        shifts += resolveLoaded(loaded, args.from, args.to).final.length;
      }
      return performance.now() - start;
    };
    const enginePass = (defs: LoadedSchedule[]) => {
      const start = performance.now();
      for (const d of defs) {
        resolveSchedule({ layers: d.layers, overrides: d.overrides.map(toEngineOverride) }, args.from, args.to);
      }
      return performance.now() - start;
    };
    const loadAll = async () => {
      const defs: LoadedSchedule[] = [];
      const all = await loadSchedules(ctx, args.ids, args.from, args.to);
      for (const id of args.ids) defs.push(all.get(id)!);
      return defs;
    };
    const cold = args.first === 'service' ? await pass() : enginePass(await loadAll());
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push(await pass());
    const defs = await loadAll();
    const engine: number[] = [];
    for (let i = 0; i < 20; i++) engine.push(enginePass(defs));
    return { cold, warm, engine, shifts };
  } finally {
    await database.close();
  }
}

type Seeded = { scheduleIds: string[]; serviceIds: string[]; token: string };

async function benchWhoIsOnCall(ctx: TestContext, seeded: Seeded) {
  const services = seeded.serviceIds;
  const ask = async (serviceId: string, level: number) => {
    const policyId = await policyIdOfService(ctx, serviceId);
    if (!policyId) throw new Error(`service ${serviceId} has no policy`);
    return resolveEscalationLevel(ctx, policyId, level, ctx.clock.now());
  };
  console.log(
    `\n${ctx.dialect}: (2) who is on call for a service (${services.length} services, each with its own policy), ${CALLS.toLocaleString('en')} calls round-robin, system clock`,
  );
  for (const [level, what] of [
    [0, 'level 1 (one schedule)'],
    [1, `level 2 (a team's ${SCHEDULES / TEAMS} schedules)`],
  ] as const) {
    const first: number[] = [];
    for (const s of services) {
      const start = performance.now();
      const people = await ask(s, level);
      first.push(performance.now() - start);
      if (people.length === 0) throw new Error(`nobody on call for service ${s} at level ${level + 1}`);
    }
    const runs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await ask(services[i % services.length]!, level);
      runs.push(performance.now() - start);
    }
    console.log(
      `  policyIdOfService + resolveEscalationLevel, ${what}: ${describeRuns(runs, [50, 99])}  target p99 < ${ONCALL_TARGET_P99} ms: ${verdict(percentile(runs, 99), ONCALL_TARGET_P99)}`,
    );
    console.log(`    first call per service after seeding: ${describeRuns(first, [50, 99])}`);
  }
  // 10,000 calls take a fraction of a second, so the cached copies hardly ever reach FRESH_MS and the
  // figures above never pay the version check. In production, the first call after FRESH_MS does:
  // measured here by moving a fake clock past FRESH_MS before each call (same code path, real queries).
  const clock = new FakeClock(systemClock.now());
  Object.assign(ctx, { clock });
  try {
    const stale: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await clock.advance(FRESH_MS + 1);
      const start = performance.now();
      await ask(services[i % services.length]!, 0);
      stale.push(performance.now() - start);
    }
    console.log(
      `  level 1, every call after FRESH_MS (${FRESH_MS} ms, re-checks versions): ${describeRuns(stale, [50, 99])}`,
    );
  } finally {
    Object.assign(ctx, { clock: systemClock });
  }

  const app = await buildApp(ctx);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const get = async (serviceId: string) => {
      const res = await fetch(`${base}/api/v1/oncall?service=${serviceId}`, { headers: bearer(seeded.token) });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status !== 200 || !body.items?.length) throw new Error(`GET /oncall answered ${res.status}`);
    };
    for (const s of services) await get(s); // warm-up, not counted
    const runs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await get(services[i % services.length]!);
      runs.push(performance.now() - start);
    }
    console.log(
      `  GET /api/v1/oncall?service= (all levels, loopback fetch, reference): ${describeRuns(runs, [50, 99])}`,
    );
  } finally {
    await app.close();
  }
}

async function seed(ctx: TestContext): Promise<Seeded> {
  const r = seededRandom(7);
  const admin = await buildUser(ctx, { role: 'admin' });
  const token = await tokenFor(ctx, admin, 'read');
  const people: BuiltUser[] = [];
  for (let i = 0; i < PEOPLE; i++) people.push(await buildUser(ctx));
  const teams = [];
  for (let i = 0; i < TEAMS; i++) teams.push(await buildTeam(ctx, { members: people.slice(i * 4, i * 4 + 4) }));
  const crew = (n: number) => Array.from({ length: n }, () => people[r.int(PEOPLE)]!.id);
  const now = ctx.clock.now();
  const scheduleIds: string[] = [];
  for (let i = 0; i < SCHEDULES; i++) {
    const zone = ZONES[i % ZONES.length]!;
    const id = await createSchedule(
      ctx,
      null,
      CreateScheduleInput.parse({
        name: `Schedule ${i}`,
        teamId: teams[i % TEAMS]!.id,
        timeZone: zone,
        layers: [
          // Lowest first: a weekly base, weekday business hours, 12-hour nights, weekends, a follow-the-sun day.
          {
            name: 'Weekly',
            participants: crew(6),
            rotation: { unit: 'week', every: 1 },
            timeZone: zone,
            startDate: '2025-09-01',
          },
          {
            name: 'Business hours',
            participants: crew(4),
            rotation: { unit: 'day', every: 1 },
            timeZone: zone,
            startDate: '2025-10-06',
            restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
          },
          {
            name: 'Nights',
            participants: crew(3),
            rotation: { unit: 'hour', every: 12 },
            handoffTime: '08:00',
            timeZone: zone,
            startDate: '2025-11-03',
            restrictions: [{ days: [], start: '20:00', end: '08:00' }],
          },
          {
            name: 'Weekends',
            participants: crew(3),
            rotation: { unit: 'day', every: 2 },
            timeZone: zone,
            startDate: '2025-08-02',
            restrictions: [{ days: [6, 7], start: '00:00', end: '00:00' }],
          },
          {
            name: 'Tokyo day',
            participants: crew(2),
            rotation: { unit: 'week', every: 1 },
            timeZone: 'Asia/Tokyo',
            startDate: '2025-09-01',
            restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
          },
        ],
      }),
    );
    for (let k = 0; k < 3; k++) {
      const start = now + (k * 25 + r.int(20)) * DAY + r.int(24) * 3_600_000;
      await createOverride(
        ctx,
        null,
        id,
        CreateOverrideInput.parse({
          userId: people[r.int(PEOPLE)]!.id,
          start: new Date(start).toISOString(),
          end: new Date(start + (6 + r.int(48)) * 3_600_000).toISOString(),
          reason: 'Covering',
        }),
      );
    }
    scheduleIds.push(id);
  }
  const serviceIds: string[] = [];
  for (let i = 0; i < SCHEDULES; i++) {
    const team = teams[i % TEAMS]!;
    const { id: policyId } = await createEscalationPolicy(
      ctx,
      null,
      EscalationPolicyInput.parse({
        name: `Policy ${i}`,
        teamId: team.id,
        levels: [
          { targets: [{ kind: 'schedule', id: scheduleIds[i]! }], delayMinutes: 10 },
          { targets: [{ kind: 'team', id: team.id }], delayMinutes: 15 },
          { targets: [{ kind: 'user', id: people[i % PEOPLE]!.id }], delayMinutes: 15 },
        ],
      }),
    );
    const service = await buildService(ctx, { name: `Oncall service ${i}`, teamId: team.id });
    await setServiceEscalationPolicy(ctx, null, service.id, policyId);
    serviceIds.push(service.id);
  }
  return { scheduleIds, serviceIds, token };
}
