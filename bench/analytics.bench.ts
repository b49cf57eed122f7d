// bench/analytics: every analytics endpoint over 100,000 incidents and 5,000,000 timeline entries,
// real HTTP over loopback, p50/p95 per case against a 300 ms p95 target.
//
// Volume data, in the shape the owning domains' commands give it: the incidents benchmark's
// directory (`seedDirectory`: 400 people, 40 teams, 300 services), 100,000 incidents over three
// years (their services, commanders, subscribers of private ones), 5,000,000 timeline entries
// written set-based with one INSERT … SELECT, status updates on each severity's cadence (some
// late), 200,000 pages with their recipients, postmortems with factors, tags and action items,
// and working hours in several zones. The analytics queries never read the timeline; its size is
// there to show they do not need to.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type Dialect, type Executor, openPostgres, openSqlite } from '../packages/server/src/core/db/database.js';
import { migrateToLatest } from '../packages/server/src/core/db/migrate.js';
import { newId } from '../packages/server/src/core/ids.js';
import type {
  IncidentRolesTable,
  IncidentServicesTable,
  IncidentStatusUpdatesTable,
  IncidentSubscribersTable,
  IncidentsTable,
} from '../packages/server/src/domains/incidents/incidents.model.js';
import type { PageRecipientsTable, PagesTable } from '../packages/server/src/domains/paging/paging.model.js';
import type {
  ActionItemsTable,
  PostmortemsTable,
} from '../packages/server/src/domains/postmortems/postmortems.model.js';
import { buildApp } from '../packages/server/src/http/app.js';
import { PG_URL, type TestContext } from '../packages/server/test/databases.js';
import { type BuiltUser, bearer, buildUser, tokenFor } from '../packages/server/test/factories.js';
import { seedDirectory, type World } from './incidents.bench.js';
import {
  BENCH_DIALECTS,
  benchContext,
  describeRuns,
  insertMany,
  machineLine,
  percentile,
  seededRandom,
  timeRuns,
  verdict,
} from './lib.js';

const INCIDENTS = 100_000;
const TIMELINE = 5_000_000;
const PAGES = 200_000;
const TARGET_P95 = 300;
const RUNS = 20;
const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
const FACTORS = ['deploy', 'configuration', 'capacity', 'dependency', 'monitoring', 'process', 'testing'];
const TAGS = ['checkout', 'database', 'network', 'payments', 'search', 'auth', 'cdn', 'queue'];
const GROUPS = ['incidents', 'response', 'oncall-load', 'cadence', 'postmortems', 'summary'];

export default async function run(): Promise<void> {
  console.log(machineLine());
  for (const dialect of BENCH_DIALECTS) {
    const { ctx, seeded } = KEEP ? await keptContext(dialect) : { ctx: await benchContext(dialect), seeded: false };
    try {
      const started = performance.now();
      let world: World | null = null;
      if (!seeded) {
        world = await seedDirectory(ctx);
        await seedIncidents(ctx, world);
        await seedAnalytics(ctx, world);
        await ctx.db.transaction().execute((trx) => fillTimeline(trx, dialect));
      }
      // What autovacuum does after a bulk load: statistics, and the visibility map that lets
      // PostgreSQL answer from an index alone.
      if (dialect === 'postgres') await sql`vacuum analyze`.execute(ctx.db);
      const counts = await tableCounts(ctx);
      const how = seeded ? 'reused (BENCH_KEEP)' : 'seeded';
      console.log(`${dialect}: ${how} ${counts} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const app = await buildApp(ctx);
      const base = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/v1/analytics`;
      try {
        const tokens = world
          ? { admin: await adminToken(ctx, world, base.replace('/analytics', '')), responder: world.token }
          : await keptTokens(ctx);
        await measure(dialect, base, tokens);
      } finally {
        await app.close();
      }
    } finally {
      await ctx.close();
    }
  }
}

// BENCH_KEEP=1 keeps the seeded database of each dialect (a SQLite file in the temp folder, the
// PostgreSQL database KEPT_PG) and measures it again on the next run, migrated to the latest
// schema first: seeding takes minutes, a change to a query or an index is tried in seconds. The
// data stays where it was seeded in time, so start afresh (delete them) after a day or so.
const KEEP = process.env.BENCH_KEEP === '1';
const KEPT_SQLITE = path.join(os.tmpdir(), 'firebreak-bench-analytics', 'analytics.db');
const KEPT_PG = 'fbbench_analytics';
const ADMIN_NAME = 'Bench Admin';
const RESPONDER_NAME = 'Bench Responder'; // as seedDirectory names its responder

/**
 * The kept database as a bench context, and whether it was seeded to the end (the bench admin is
 * created last); one left half-seeded by an interrupted run is started again from empty.
 */
async function keptContext(dialect: Dialect): Promise<{ ctx: TestContext; seeded: boolean }> {
  const open = async (fresh: boolean) => {
    if (dialect === 'sqlite') {
      if (fresh) rmSync(path.dirname(KEPT_SQLITE), { recursive: true, force: true });
      return openSqlite(KEPT_SQLITE);
    }
    const server = openPostgres(PG_URL!, 1);
    try {
      if (fresh) await sql`drop database if exists ${sql.id(KEPT_PG)} with (force)`.execute(server.db);
      const exists = await sql`select 1 from pg_database where datname = ${KEPT_PG}`.execute(server.db);
      if (exists.rows.length === 0) await sql`create database ${sql.id(KEPT_PG)}`.execute(server.db);
    } finally {
      await server.close();
    }
    const url = new URL(PG_URL!);
    url.pathname = `/${KEPT_PG}`;
    return openPostgres(url.toString(), 10);
  };
  let kept = await open(false);
  await migrateToLatest(kept.db);
  const seeded = Boolean(
    await kept.db.selectFrom('users').select('id').where('name', '=', ADMIN_NAME).executeTakeFirst(),
  );
  if (!seeded) {
    await kept.close();
    kept = await open(true);
    await migrateToLatest(kept.db);
  }
  const ctx = await benchContext(dialect);
  const closeBench = ctx.close;
  Object.assign(ctx, {
    db: kept.db,
    close: async () => {
      await kept.close();
      await closeBench();
    },
  });
  return { ctx, seeded };
}

/** Fresh tokens for the kept database's bench admin and responder. */
async function keptTokens(ctx: TestContext): Promise<{ admin: string; responder: string }> {
  const user = async (name: string) => {
    const row = await ctx.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role', 'time_zone as timeZone'])
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row as BuiltUser;
  };
  return {
    admin: await tokenFor(ctx, await user(ADMIN_NAME)),
    responder: await tokenFor(ctx, await user(RESPONDER_NAME), 'read'),
  };
}

async function tableCounts(ctx: TestContext): Promise<string> {
  const count = async (
    table:
      | 'incidents'
      | 'timeline_entries'
      | 'incident_status_updates'
      | 'page_recipients'
      | 'postmortems'
      | 'action_items',
  ) =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [i, t, u, r, p, a] = await Promise.all([
    count('incidents'),
    count('timeline_entries'),
    count('incident_status_updates'),
    count('page_recipients'),
    count('postmortems'),
    count('action_items'),
  ]);
  const f = (n: number) => n.toLocaleString('en');
  return `${f(i)} incidents, ${f(t)} timeline entries, ${f(u)} status updates, ${f(r)} page notifications, ${f(p)} postmortems, ${f(a)} action items`;
}

/** An admin with a token, and ten team schedules (through the API) for the dashboard's on-call panel. */
async function adminToken(ctx: TestContext, world: World, api: string): Promise<string> {
  const admin = await buildUser(ctx, { role: 'admin', name: ADMIN_NAME });
  const token = await tokenFor(ctx, admin);
  const teams = await ctx.db.selectFrom('teams').select('id').orderBy('slug').limit(10).execute();
  for (const [i, team] of teams.entries()) {
    const res = await fetch(`${api}/schedules`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Team schedule ${i}`,
        teamId: team.id,
        layers: [
          {
            participants: world.people.slice(i * 4, i * 4 + 4).map((p) => p.id),
            rotation: { unit: 'week', every: 1 },
            handoffTime: '09:00',
            timeZone: 'UTC',
            startDate: '2025-01-06',
          },
        ],
      }),
    });
    if (res.status !== 201) throw new Error(`creating a schedule answered ${res.status}: ${await res.text()}`);
  }
  return token;
}

/** 100,000 incidents over three years: a few hundred of the last three days still active, 3% private. */
export async function seedIncidents(ctx: TestContext, world: World): Promise<void> {
  const r = seededRandom(2);
  const now = ctx.clock.now();
  const span = 3 * 365 * DAY;
  const sevWeights = [0.03, 0.15, 0.6, 1];
  const person = () => world.people[r.int(world.people.length - 1)]!.id;
  const incidents: IncidentsTable[] = [];
  const services: IncidentServicesTable[] = [];
  const roles: IncidentRolesTable[] = [];
  const subscribers: IncidentSubscribersTable[] = [];
  for (let n = 1; n <= INCIDENTS; n++) {
    const id = newId();
    const declared = now - span + Math.floor((n / INCIDENTS) * span);
    const active = declared > now - 3 * DAY && r.next() < 0.4;
    const x = r.next();
    const severity = world.severities[sevWeights.findIndex((w) => x < w)]!;
    const late = r.next() < 0.2; // declared before anyone took command (a page nobody answered yet)
    const acknowledged = declared + (late ? (1 + r.int(20)) * MIN : 0);
    const mitigated = declared + (10 + r.int(180)) * MIN;
    const resolved = mitigated + (5 + r.int(120)) * MIN;
    const merged = !active && r.next() < 0.01;
    const serviceRows = [
      ...new Set([world.services[r.skewed(world.services.length)]!, world.services[r.int(world.services.length)]!]),
    ].slice(0, r.next() < 0.7 ? 1 : 2);
    const reporter = person();
    const commander = person();
    const isPrivate = r.next() < 0.03 ? 1 : 0;
    incidents.push({
      id,
      number: n,
      title: `Incident ${n}`,
      slug: `incident-${n}`,
      channel_name: `inc-${n}`,
      status: active ? 'investigating' : merged ? 'merged' : r.next() < 0.8 ? 'closed' : 'resolved',
      severity_id: severity.id,
      source: r.next() < 0.1 ? 'customer_report' : r.next() < 0.65 ? 'alert' : 'internal',
      private: isPrivate,
      summary: '',
      impact: '',
      users_affected: null,
      report_customer: null,
      report_observed: null,
      team_id: serviceRows[0]!.team_id,
      reporter_id: reporter,
      declined_reason: null,
      merged_into_id: null,
      detected_at: declared - r.int(30) * MIN,
      declared_at: declared,
      acknowledged_at: acknowledged,
      mitigated_at: active || merged ? null : mitigated,
      resolved_at: active || merged ? null : resolved,
      closed_at: null,
      severity_set_at: declared,
      next_update_due_at:
        active && severity.update_cadence_minutes ? declared + severity.update_cadence_minutes * MIN : null,
      created_at: declared,
      updated_at: declared,
      version: 1,
    });
    for (const s of serviceRows) services.push({ incident_id: id, service_id: s.id, incident_number: n });
    roles.push({
      id: newId(),
      incident_id: id,
      role: 'commander',
      user_id: commander,
      assigned_by: reporter,
      assigned_at: acknowledged,
      relieved_at: null,
    });
    if (isPrivate) subscribers.push({ incident_id: id, user_id: person(), added_by: commander, created_at: declared });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(trx, 'incidents', incidents);
    await insertMany(trx, 'incident_services', services);
    await insertMany(trx, 'incident_roles', roles);
    await insertMany(trx, 'incident_subscribers', subscribers);
    await trx
      .updateTable('incident_sequences')
      .set({ value: INCIDENTS })
      .where('name', '=', 'incident_number')
      .execute();
  });
}

export async function seedAnalytics(ctx: TestContext, world: World): Promise<void> {
  const r = seededRandom(3);
  const now = ctx.clock.now();
  const incidents = await ctx.db
    .selectFrom('incidents')
    .innerJoin('severities', 'severities.id', 'incidents.severity_id')
    .select([
      'incidents.id',
      'incidents.team_id',
      'incidents.declared_at',
      'incidents.resolved_at',
      'incidents.reporter_id',
      'severities.key',
      'severities.update_cadence_minutes',
      'severities.postmortem_required',
    ])
    .where('incidents.declared_at', 'is not', null)
    .orderBy('incidents.declared_at')
    .execute();

  const updates: IncidentStatusUpdatesTable[] = [];
  const postmortems: PostmortemsTable[] = [];
  const factors: {
    id: string;
    postmortem_id: string;
    category: string;
    description: string;
    created_by: null;
    created_at: number;
  }[] = [];
  const tags: { postmortem_id: string; tag: string }[] = [];
  const items: ActionItemsTable[] = [];
  for (const inc of incidents) {
    const declared = inc.declared_at!;
    const end = inc.resolved_at ?? now;
    const cadence = inc.update_cadence_minutes;
    if (cadence) {
      for (const audience of inc.key === 'sev3' ? (['stakeholders'] as const) : (['stakeholders', 'public'] as const)) {
        let at = declared;
        let previous: IncidentStatusUpdatesTable | null = null;
        for (let n = 0; n < 6; n++) {
          at += Math.round(cadence * MIN * (0.6 + r.next() * 0.7)); // about one in four comes late
          if (at > end) break;
          const update: IncidentStatusUpdatesTable = {
            id: newId(),
            incident_id: inc.id,
            audience,
            current_status: 'Still investigating; next update on schedule',
            impact: '',
            next_update_at: at + cadence * MIN,
            posted_by: inc.reporter_id!,
            posted_at: at,
            previous_posted_at: previous?.posted_at ?? null,
            previous_next_update_at: previous?.next_update_at ?? null,
          };
          updates.push(update);
          previous = update;
        }
      }
    }
    if (inc.postmortem_required && inc.resolved_at && r.next() < 0.85) {
      const id = newId();
      const published = r.next() < 0.6;
      const created = inc.resolved_at + 10 * MIN;
      postmortems.push({
        id,
        incident_id: inc.id,
        template_id: 'built-in',
        title: `Postmortem of ${inc.id}`,
        status: published ? 'published' : r.next() < 0.5 ? 'in_review' : 'draft',
        owner_id: inc.reporter_id,
        due_at: created + 2 * DAY,
        publish_due_at: created + 7 * DAY,
        review_meeting_at: null,
        figures: '{}',
        created_by: null,
        created_at: created,
        updated_at: created,
        submitted_at: null,
        published_at: published ? created + (1 + r.int(14)) * DAY : null,
        version: 1,
      });
      for (let f = 0; f <= r.int(3); f++) {
        factors.push({
          id: newId(),
          postmortem_id: id,
          category: FACTORS[r.skewed(FACTORS.length)]!,
          description: 'Found in the review',
          created_by: null,
          created_at: created,
        });
      }
      for (const tag of new Set([TAGS[r.skewed(TAGS.length)]!, TAGS[r.int(TAGS.length)]!]))
        tags.push({ postmortem_id: id, tag });
      for (let a = 0; a <= r.int(3); a++) {
        const done = r.next() < 0.6;
        const due = created + (7 + r.int(40)) * DAY;
        items.push({
          id: newId(),
          incident_id: inc.id,
          postmortem_id: id,
          source_kind: 'postmortem',
          source_id: id,
          title: 'Prevent a repeat',
          description: '',
          kind: 'long_term',
          priority: 'medium',
          status: done ? 'done' : 'open',
          owner_id: inc.reporter_id,
          team_id: inc.team_id,
          due_at: due,
          tracker_url: null,
          created_by: null,
          created_at: created,
          updated_at: created,
          completed_at: done ? Math.min(now, due - r.int(5) * DAY) : null,
          version: 1,
        });
      }
    }
  }

  const services = world.services;
  const pages: PagesTable[] = [];
  const recipients: PageRecipientsTable[] = [];
  const first = incidents[0]!.declared_at!;
  for (let n = 0; n < PAGES; n++) {
    const created = first + Math.floor((n / PAGES) * (now - first));
    const service = services[r.skewed(services.length)]!;
    const acked = r.next() < 0.85;
    const ackAt = created + (1 + r.int(20)) * MIN;
    const id = newId();
    const people = new Set([world.people[r.int(world.people.length - 1)]!.id]);
    if (r.next() < 0.4) people.add(world.people[r.int(world.people.length - 1)]!.id);
    const ackBy = [...people][0]!;
    pages.push({
      id,
      source: 'alert',
      status: acked ? 'resolved' : 'triggered',
      urgency: r.next() < 0.7 ? 'high' : 'low',
      summary: 'Error rate above threshold',
      details: '',
      service_id: service.id,
      team_id: service.team_id,
      incident_id:
        r.next() < 0.5
          ? incidents[Math.min(incidents.length - 1, Math.floor((n / PAGES) * incidents.length))]!.id
          : null,
      dedup_key: null,
      policy_id: null,
      target_user_ids: JSON.stringify([...people]),
      assignment_step: 0,
      current_step: 0,
      created_by: null,
      created_at: created,
      acknowledged_at: acked ? ackAt : null,
      acknowledged_by: acked ? ackBy : null,
      resolved_at: acked ? ackAt + 30 * MIN : null,
      resolved_by: acked ? ackBy : null,
      updated_at: created,
    });
    for (const userId of people) {
      recipients.push({
        page_id: id,
        user_id: userId,
        first_step: 0,
        urgency: 'high',
        notified_at: created,
        outside_working_hours: r.next() < 0.4 ? 1 : 0,
        acknowledged_at: acked && userId === ackBy ? ackAt : null,
        acknowledged_by_recipient: acked && userId === ackBy ? 1 : 0,
      });
    }
  }

  const hours = world.people
    .filter(() => r.next() < 0.5)
    .map((p) => ({
      user_id: p.id,
      days: '[1,2,3,4,5]',
      start_time: '09:00',
      end_time: '18:00',
      time_zone: ZONES[r.int(ZONES.length)]!,
      updated_at: now,
    }));

  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(trx, 'incident_status_updates', updates);
    await insertMany(trx, 'postmortems', postmortems);
    await insertMany(trx, 'postmortem_factors', factors);
    await insertMany(trx, 'postmortem_tags', tags);
    await insertMany(trx, 'action_items', items);
    await insertMany(trx, 'pages', pages);
    await insertMany(trx, 'page_recipients', recipients);
    await insertMany(trx, 'working_hours', hours);
  });
}

/** Notes on every incident, set-based in the database, until the timeline holds TIMELINE entries. */
export async function fillTimeline(ex: Executor, dialect: string): Promise<void> {
  const have = Number(
    (
      await ex
        .selectFrom('timeline_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const incidents = Number(
    (
      await ex
        .selectFrom('incidents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const per = Math.ceil((TIMELINE - have) / incidents);
  const series =
    dialect === 'postgres'
      ? sql`generate_series(1, ${sql.lit(per)}) as g(n)`
      : sql`(with recursive s(n) as (select 1 union all select n + 1 from s where n < ${sql.lit(per)}) select n from s) as g`;
  // Ids sort like the commands' UUIDv7 ids (time first); the incident id keeps them unique.
  await sql`
    insert into timeline_entries (id, incident_id, kind, actor_id, text, before_value, after_value, data, happened_at, recorded_at, pinned)
    select i.id || '-' || g.n, i.id, 'note', i.reporter_id, 'Checked the dashboards; no change yet', null, null, '{}',
           i.created_at + g.n * 60000, i.created_at + g.n * 60000, 0
    from incidents i cross join ${series}
    limit ${sql.lit(TIMELINE - have)}
  `.execute(ex);
}

async function measure(dialect: string, base: string, tokens: { admin: string; responder: string }): Promise<void> {
  const { admin, responder } = tokens;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  // The target holds for the ranges people look at (the default 30 days, a quarter); a whole year
  // is measured and printed for information.
  const ranges = [
    { label: '30 days', query: '', target: true },
    { label: '90 days', query: `from=${iso(now - 90 * DAY)}&to=${iso(now)}`, target: true },
    { label: '365 days', query: `from=${iso(now - 365 * DAY)}&to=${iso(now)}`, target: false },
  ];
  const quarter = ranges[1]!.query;
  const cases: { label: string; path: string; token: string; target: boolean }[] = [];
  for (const range of ranges) {
    for (const group of GROUPS) {
      cases.push({
        label: `${group}, ${range.label}, admin`,
        path: `/${group}?${range.query}`,
        token: admin,
        target: range.target,
      });
    }
  }
  for (const group of GROUPS) {
    cases.push({
      label: `${group}, 90 days, responder`,
      path: `/${group}?${quarter}`,
      token: responder,
      target: true,
    });
    cases.push({
      label: `${group}, 90 days, team-1 + sev1,sev2`,
      path: `/${group}?${quarter}&team=team-1&severity=sev1,sev2`,
      token: admin,
      target: true,
    });
  }
  cases.push({ label: 'dashboard, admin', path: '/dashboard', token: admin, target: true });
  cases.push({ label: 'dashboard, responder', path: '/dashboard', token: responder, target: true });
  cases.push({
    label: 'oncall-load CSV, 90 days',
    path: `/oncall-load?${quarter}&format=csv`,
    token: admin,
    target: true,
  });

  let failures = 0;
  let worst = 0;
  for (const c of cases) {
    const url = `${base}${c.path}`;
    const once = async () => {
      const res = await fetch(url, { headers: bearer(c.token) });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${c.path} answered ${res.status}: ${body.slice(0, 300)}`);
      return body;
    };
    const sample = await once();
    await once();
    const runs = await timeRuns(RUNS, once);
    const p95 = percentile(runs, 95);
    if (c.target) worst = Math.max(worst, p95);
    if (c.target && p95 >= TARGET_P95) failures++;
    const mark = c.target ? `${verdict(p95, TARGET_P95)} (target p95 < ${TARGET_P95} ms)` : '(for information)';
    console.log(
      `${dialect}: ${c.label.padEnd(44)} ${describeRuns(runs, [50, 95])}  ${mark}${figureNote(c.path, sample)}`,
    );
  }
  console.log(
    `${dialect}: ${cases.filter((c) => c.target).length} cases with a target, worst p95 ${worst.toFixed(1)} ms, ${failures ? `${failures} FAIL` : 'all PASS'}; ${machineLine()}`,
  );
}

/** A few of the figures themselves, so the printout shows the queries computed something real. */
function figureNote(path: string, body: string): string {
  if (!path.startsWith('/summary?') || path.includes('team=')) return '';
  const { current } = JSON.parse(body) as { current: Record<string, number | null> };
  const min = (ms: number | null) => (ms == null ? '-' : `${Math.round(ms / MIN)} min`);
  const pct = (v: number | null) => (v == null ? '-' : `${Math.round(v * 100)}%`);
  return `\n    figures: ${current.incidents} incidents, MTTA p50 ${min(current.mttaP50Ms!)}, MTTR p50 ${min(current.mttrP50Ms!)}, p90 ${min(current.mttrP90Ms!)}, ${current.pages} pages (${current.sleepHourPages} in sleep hours), updates on time ${pct(current.cadenceAdherence!)}, postmortems published ${pct(current.postmortemCompletion!)}, ${current.actionItemsOverdue} action items overdue`;
}
