// bench/incidents: (a) opening an incident with 10,000 timeline entries as the web UI does, and
// (b) listing 100,000 incidents under the list page's filters. Real HTTP over loopback (fetch),
// a responder's bearer token, p50/p95 per case.
//
// Volume data is written straight into the tables with multi-row inserts, in the shape the
// domain's commands give it: every incident has its services, roles (commander, some handed over,
// communications leads), subscribers, timeline entries with the commands' texts, and its search
// document (`searchDocumentOf`, the domain's own function; on SQLite the FTS5 triggers index it).
// The incident with the big timeline is declared and worked on through the real commands, then
// its entries are bulk-copied to 10,000.
import type { IncidentStatus } from '@firebreak/shared';
import { sql } from 'kysely';
import { type Clock, FakeClock, systemClock } from '../packages/server/src/core/clock.js';
import { newId, slugify } from '../packages/server/src/core/ids.js';
import { channelBaseName } from '../packages/server/src/domains/incidents/channel-name.js';
import { assignRole } from '../packages/server/src/domains/incidents/commands/assign-role.js';
import { searchDocumentOf } from '../packages/server/src/domains/incidents/commands/change.js';
import { changeStatus } from '../packages/server/src/domains/incidents/commands/change-status.js';
import { declareIncident } from '../packages/server/src/domains/incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../packages/server/src/domains/incidents/commands/post-status-update.js';
import { recordDecision } from '../packages/server/src/domains/incidents/commands/record-decision.js';
import { addSubscriber } from '../packages/server/src/domains/incidents/commands/subscribers.js';
import { addNote, pinEntry } from '../packages/server/src/domains/incidents/commands/timeline.js';
import type {
  IncidentRolesTable,
  IncidentsTable,
  TimelineEntriesTable,
} from '../packages/server/src/domains/incidents/incidents.model.js';
import type { Viewer } from '../packages/server/src/domains/incidents/incidents.policy.js';
import { DOC_ID_SLOTS } from '../packages/server/src/domains/incidents/search.repo.js';
import { buildApp } from '../packages/server/src/http/app.js';
import type { TestContext } from '../packages/server/test/databases.js';
import { type BuiltUser, bearer, buildUser, tokenFor } from '../packages/server/test/factories.js';
import {
  BENCH_DIALECTS,
  benchContext,
  describeRuns,
  insertMany,
  machineLine,
  percentile,
  seededRandom,
  verdict,
} from './lib.js';

const INCIDENTS = 100_000;
const TIMELINE = 10_000;
const PEOPLE = 400;
const TEAMS = 40;
const SERVICES = 300;
const OPEN_TARGET_P95 = 30;
const LIST_TARGET_P95 = 50;
const DAY = 86_400_000;

// biome-ignore format: a word list reads better packed
const COMPONENTS = [
  'Checkout', 'Payments', 'Login', 'Search', 'Database', 'API gateway', 'CDN', 'Email delivery', 'Billing',
  'Inventory', 'Recommendations', 'Mobile app', 'Webhooks', 'Message queue', 'Cache', 'DNS', 'Load balancer',
  'Object storage', 'Reporting', 'Notifications', 'Image resizing', 'Feature flags', 'Kubernetes cluster',
  'Data pipeline', 'Admin console', 'Single sign-on', 'Shipping rates', 'Tax service', 'Fraud scoring', 'VPN',
];
// biome-ignore format: a word list reads better packed
const SYMPTOMS = [
  'latency elevated', 'returning 500 errors', 'timeouts for some customers', 'down', 'degraded performance',
  'partial outage', 'connection pool exhausted', 'stale data served', 'queue backlog growing', 'disk full',
  'memory leak after deploy', 'elevated error rate', 'slow responses in EU', 'failing health checks',
  'duplicate messages', 'high CPU', 'rate limited by provider', 'replication lag', 'certificate warnings',
  'intermittent failures',
];
// biome-ignore format: a word list reads better packed
const CAUSES = [
  'a bad deploy', 'a configuration change', 'an upstream provider', 'a traffic spike', 'a failed migration',
  'an expired credential', 'a noisy neighbour', 'a network partition', 'a dependency upgrade', 'unknown causes',
];

type Person = { id: string; name: string };
type Severity = { id: string; key: string; name: string; update_cadence_minutes: number | null };
export type World = {
  people: Person[];
  me: BuiltUser;
  token: string;
  services: { id: string; slug: string; team_id: string }[];
  severities: Severity[];
};

export default async function run(): Promise<void> {
  console.log(machineLine());
  for (const dialect of BENCH_DIALECTS) {
    const ctx = await benchContext(dialect);
    try {
      let t = performance.now();
      const world = await seedDirectory(ctx);
      await seedIncidents(ctx, world);
      const big = await seedBigIncident(ctx, world);
      if (dialect === 'postgres') await sql`analyze`.execute(ctx.db); // what autovacuum does after a bulk load
      console.log(
        `${dialect}: seeded ${INCIDENTS.toLocaleString('en')} incidents + one with ${TIMELINE.toLocaleString('en')} timeline entries in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      const app = await buildApp(ctx);
      const base = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/v1`;
      try {
        t = performance.now();
        await benchOpenIncident(dialect, base, world.token, big);
        await benchLists(dialect, base, world);
        console.log(`${dialect}: measured in ${((performance.now() - t) / 1000).toFixed(1)} s; ${machineLine()}`);
      } finally {
        await app.close();
      }
    } finally {
      await ctx.close();
    }
  }
}

/** GETs `path` with the token and checks the answer is a 200 with JSON. */
async function get(base: string, token: string, path: string): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { headers: bearer(token) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

async function benchOpenIncident(dialect: string, base: string, token: string, ref: string) {
  // The incident page (IncidentPage + IncidentTimeline) asks for both at once.
  const detailPath = `/incidents/${ref}`;
  const timelinePath = `/incidents/${ref}/timeline?order=desc&limit=50`;
  const open = () => Promise.all([get(base, token, detailPath), get(base, token, timelinePath)]);
  const [detail, timeline] = (await open()) as [{ timeline: { items: unknown[] } }, { items: unknown[] }];
  if (timeline.items.length !== 50 || detail.timeline.items.length === 0) throw new Error('timeline pages are empty');
  for (let i = 0; i < 30; i++) await open(); // warm-up, not counted

  const both: number[] = [];
  const detailOnly: number[] = [];
  const timelineOnly: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = performance.now();
    await open();
    both.push(performance.now() - start);
  }
  for (let i = 0; i < 300; i++) {
    let start = performance.now();
    await get(base, token, detailPath);
    detailOnly.push(performance.now() - start);
    start = performance.now();
    await get(base, token, timelinePath);
    timelineOnly.push(performance.now() - start);
  }
  const p95 = percentile(both, 95);
  console.log(`\n${dialect}: (a) open ${ref} with ${TIMELINE.toLocaleString('en')} timeline entries (loopback fetch)`);
  console.log(
    `  page open (detail ∥ timeline):           ${describeRuns(both)}  target p95 < ${OPEN_TARGET_P95} ms: ${verdict(p95, OPEN_TARGET_P95)}`,
  );
  console.log(`  GET /incidents/${ref} alone:             ${describeRuns(detailOnly)}`);
  console.log(`  GET …/timeline?order=desc&limit=50 alone: ${describeRuns(timelineOnly)}`);
}

async function benchLists(dialect: string, base: string, world: World) {
  const busy = world.services[0]!;
  const quiet = world.services[world.services.length - 1]!;
  const cases: [string, string][] = [
    ['no filter (first page)', ''],
    ['no filter, page at INC-50000', 'cursor=50000'],
    ['status=open (investigating,identified,monitoring)', 'status=investigating,identified,monitoring'],
    ['status=resolved', 'status=resolved'],
    ['status=triage', 'status=triage'],
    ['severity=sev1', 'severity=sev1'],
    ['severity=sev1,sev2 + status=open', 'severity=sev1,sev2&status=investigating,identified,monitoring'],
    [`service=busiest (${busy.slug})`, `service=${busy.slug}`],
    [`service=quietest (${quiet.slug})`, `service=${quiet.slug}`],
    ['service=busiest + status=open', `service=${busy.slug}&status=investigating,identified,monitoring`],
    ['mine', 'mine=true'],
    ['mine + status=open', 'mine=true&status=investigating,identified,monitoring'],
    ['team=mine + status=triage', 'team=mine&status=triage'],
    ['text=database (~7%)', 'text=database'],
    ['text=errors (common word, ~30%)', 'text=errors'],
    ['text=kerberos (rare word)', 'text=kerberos'],
    ['text=paym (prefix)', 'text=paym'],
    ['text=checkout + severity=sev2 + status=closed', 'text=checkout&severity=sev2&status=closed'],
    ['text=latency + service=busiest', `text=latency&service=${busy.slug}`],
    ['text=database + mine', 'text=database&mine=true'],
  ];
  console.log(
    `\n${dialect}: (b) GET /incidents?limit=50 over ${INCIDENTS.toLocaleString('en')} incidents as a responder (loopback fetch; up to 200 requests or 15 s per case)`,
  );
  for (const [name, query] of cases) {
    const path = `/incidents?limit=50${query ? `&${query}` : ''}`;
    const first = (await get(base, world.token, path)) as { items: unknown[]; nextCursor: string | null };
    for (let i = 0; i < 5; i++) await get(base, world.token, path);
    const runs: number[] = [];
    const until = performance.now() + 15_000;
    while (runs.length < 200 && (runs.length < 20 || performance.now() < until)) {
      const start = performance.now();
      await get(base, world.token, path);
      runs.push(performance.now() - start);
    }
    const p95 = percentile(runs, 95);
    const items = `${first.items.length}${first.nextCursor ? '+' : ''} items`;
    console.log(
      `  ${name.padEnd(48)} ${items.padEnd(10)} ${describeRuns(runs, [50, 95])}  ${verdict(p95, LIST_TARGET_P95)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Data

export async function seedDirectory(ctx: TestContext): Promise<World> {
  const rnd = seededRandom(1);
  const now = ctx.clock.now();
  const me = await buildUser(ctx, { role: 'responder', name: 'Bench Responder' });
  const token = await tokenFor(ctx, me, 'read');
  const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({ id: newId(), name: `Person ${i}` }));
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: newId(), name: `Team ${i}`, slug: `team-${i}` }));
  const services = Array.from({ length: SERVICES }, (_, i) => ({
    id: newId(),
    slug: `service-${String(i).padStart(3, '0')}`,
    team_id: teams[i % TEAMS]!.id,
  }));
  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(
      trx,
      'users',
      people.map((p) => ({
        id: p.id,
        name: p.name,
        email: `${p.id}@example.test`,
        role: rnd.next() < 0.1 ? 'viewer' : 'responder',
        time_zone: 'UTC',
        password_hash: null,
        created_at: now,
        updated_at: now,
        deactivated_at: null,
      })),
    );
    await insertMany(
      trx,
      'teams',
      teams.map((t) => ({ ...t, description: '', created_at: now, updated_at: now })),
    );
    await insertMany(trx, 'team_members', [
      { team_id: teams[0]!.id, user_id: me.id, role: 'member', created_at: now },
      ...people.map((p, i) => ({ team_id: teams[i % TEAMS]!.id, user_id: p.id, role: 'member', created_at: now })),
    ]);
    await insertMany(
      trx,
      'services',
      services.map((s) => ({
        id: s.id,
        name: s.slug.replace('service-', 'Service '),
        slug: s.slug,
        description: '',
        team_id: s.team_id,
        created_at: now,
        updated_at: now,
      })),
    );
  });
  const severities = await ctx.db
    .selectFrom('severities')
    .select(['id', 'key', 'name', 'update_cadence_minutes'])
    .orderBy('rank')
    .execute();
  return { people: [...people, { id: me.id, name: me.name }], me, token, services, severities };
}

/** Where an incident's life stopped, and the path its status took (as change-status writes it). */
function lifeOf(r: ReturnType<typeof seededRandom>, recent: boolean): IncidentStatus[] {
  const x = r.next();
  if (recent) {
    if (x < 0.25) return ['triage'];
    if (x < 0.45) return ['investigating'];
    if (x < 0.6) return ['investigating', 'identified'];
    if (x < 0.75) return ['investigating', 'identified', 'monitoring'];
    return ['investigating', 'identified', 'monitoring', 'resolved'];
  }
  if (x < 0.015) return ['triage', 'declined'];
  if (x < 0.025) return ['investigating', 'merged'];
  if (x < 0.15) return ['investigating', 'identified', 'monitoring', 'resolved'];
  return ['investigating', 'identified', 'monitoring', 'resolved', 'closed'];
}

export async function seedIncidents(ctx: TestContext, world: World): Promise<void> {
  const r = seededRandom(2);
  const now = ctx.clock.now();
  const span = 3 * 365 * DAY;
  const sevWeights = [0.03, 0.15, 0.6, 1];
  const person = () => world.people[r.int(PEOPLE)]!.id; // never `me`: that is decided on purpose below
  const nameOf = new Map(world.people.map((p) => [p.id, p.name]));
  const channels = new Set<string>();
  const incidents: IncidentsTable[] = [];
  const services: { incident_id: string; service_id: string; incident_number: number }[] = [];
  const roles: IncidentRolesTable[] = [];
  const subscribers: { incident_id: string; user_id: string; added_by: string | null; created_at: number }[] = [];
  const entries: TimelineEntriesTable[] = [];
  const docs: { id: number; incident_id: string; source: string; title: string; body: string }[] = [];
  const entry = (incidentId: string, at: number, actor: string | null, e: Partial<TimelineEntriesTable>) =>
    entries.push({
      id: newId(),
      incident_id: incidentId,
      kind: 'note',
      actor_id: actor,
      text: '',
      before_value: null,
      after_value: null,
      data: '{}',
      happened_at: at,
      recorded_at: at,
      pinned: 0,
      retracted_at: null,
      retracted_by: null,
      retraction_reason: null,
      ...e,
    });

  for (let n = 1; n <= INCIDENTS; n++) {
    const id = newId();
    const recent = n > INCIDENTS - 300;
    const created = recent ? now - r.int(3 * DAY) : now - span + Math.floor((n / INCIDENTS) * (span - 3 * DAY));
    const path = lifeOf(r, recent);
    const status = path[path.length - 1]!;
    const triage = path[0] === 'triage';
    const x = r.next();
    const severity = triage ? undefined : world.severities[sevWeights.findIndex((w) => x < w)]!;
    const component = r.pick(COMPONENTS);
    const rare = r.next() < 0.0003;
    const title = rare
      ? `Kerberos ticket renewal failing on ${component.toLowerCase()}`
      : `${component} ${r.pick(SYMPTOMS)}`;
    const other = r.pick(COMPONENTS).toLowerCase();
    const summary = r.pick([
      `${component} showed errors after ${r.pick(CAUSES)}.`,
      `Customers saw ${r.pick(SYMPTOMS)} on ${other}.`,
      `${component}: ${r.pick(SYMPTOMS)}, traced to ${r.pick(CAUSES)}.`,
      `Alert fired for ${other}; ${r.pick(SYMPTOMS)} while ${r.pick(CAUSES)} rolled out.`,
    ]);
    const impact =
      r.next() < 0.6 ? `About ${r.int(40) + 1}% of customers affected in ${r.pick(['EU', 'US', 'APAC'])}.` : '';
    const reporter = r.next() < 0.003 ? world.me.id : person();
    const commander = r.next() < 0.005 ? world.me.id : person();
    const serviceCount = r.next() < 0.7 ? 1 : r.next() < 0.85 ? 2 : 3;
    const serviceIds = [...new Set(Array.from({ length: serviceCount }, () => world.services[r.skewed(SERVICES)]!))];
    const mitigated = created + (10 + r.int(180)) * 60_000;
    const resolved = mitigated + (5 + r.int(120)) * 60_000;
    let channel: string | null = null;
    if (!triage) {
      channel = channelBaseName(title, created, ctx.config.orgTimeZone);
      if (channels.has(channel)) channel = `${channel}-${n}`;
      channels.add(channel);
    }
    const reached = (s: IncidentStatus) => path.includes(s);
    const row: IncidentsTable = {
      id,
      number: n,
      title,
      slug: slugify(title),
      channel_name: channel,
      status,
      severity_id: severity?.id ?? null,
      source: triage ? 'customer_report' : r.pick(['alert', 'alert', 'internal'] as const),
      private: r.next() < 0.03 ? 1 : 0,
      summary,
      impact,
      users_affected: r.next() < 0.3 ? r.int(100_000) : null,
      report_customer: triage ? `Customer ${r.int(5000)}` : null,
      report_observed: triage ? `Cannot use ${component.toLowerCase()}: ${r.pick(SYMPTOMS)}` : null,
      team_id: serviceIds[0]!.team_id,
      reporter_id: reporter,
      declined_reason: status === 'declined' ? 'Not an incident: a single customer misconfiguration' : null,
      merged_into_id: status === 'merged' && incidents.length ? incidents[incidents.length - 1]!.id : null,
      detected_at: created - r.int(30) * 60_000,
      declared_at: triage && status !== 'declined' ? null : created,
      acknowledged_at: triage ? null : created,
      mitigated_at: reached('monitoring') ? mitigated : null,
      resolved_at: reached('resolved') ? resolved : null,
      closed_at: reached('closed') ? resolved + (1 + r.int(10)) * DAY : null,
      severity_set_at: triage ? null : created,
      next_update_due_at:
        ['investigating', 'identified', 'monitoring'].includes(status) && severity?.update_cadence_minutes
          ? created + severity.update_cadence_minutes * 60_000
          : null,
      created_at: created,
      updated_at: reached('closed') ? resolved + DAY : reached('resolved') ? resolved : created + 20 * 60_000,
      version: path.length,
    };
    incidents.push(row);
    for (const s of serviceIds) services.push({ incident_id: id, service_id: s.id, incident_number: n });
    const doc = searchDocumentOf(row);
    docs.push({ id: n * DOC_ID_SLOTS, incident_id: id, source: doc.source, title: doc.title, body: doc.body });

    if (triage) {
      entry(id, created, reporter, {
        kind: 'reported',
        text: `Reported: ${title}`,
        data: JSON.stringify({ customer: row.report_customer }),
      });
    } else {
      const handover = r.next() < 0.15;
      const firstCommander = handover ? person() : commander;
      roles.push(role(id, 'commander', firstCommander, reporter, created, handover ? created + 30 * 60_000 : null));
      if (handover) roles.push(role(id, 'commander', commander, firstCommander, created + 30 * 60_000, null));
      entry(id, created, reporter, {
        kind: 'declared',
        text: `Declared ${severity!.name}: ${title}`,
        after_value: JSON.stringify({ status: 'investigating', severity: severity!.key }),
        data: JSON.stringify({ severity: severity!.key, source: row.source, commanderId: firstCommander }),
      });
      if (handover) {
        entry(id, created + 30 * 60_000, firstCommander, {
          kind: 'role_assigned',
          text: `Commander: ${nameOf.get(firstCommander)} → ${nameOf.get(commander)}`,
          data: JSON.stringify({ role: 'commander' }),
        });
      }
      if (r.next() < 0.3) {
        const lead = person();
        roles.push(role(id, 'communications_lead', lead, commander, created + 10 * 60_000, null));
        entry(id, created + 10 * 60_000, commander, {
          kind: 'role_assigned',
          text: `${nameOf.get(lead)} is now communications lead`,
          data: JSON.stringify({ role: 'communications_lead' }),
        });
      }
    }
    for (let i = 0; i < r.int(3); i++) {
      entry(id, created + (i + 1) * 7 * 60_000, commander, { kind: 'note', text: `${r.pick(CAUSES)} suspected` });
    }
    const steps = triage ? path.slice(1) : path;
    for (let i = 1; i < steps.length; i++) {
      const at =
        steps[i] === 'closed' ? row.closed_at! : steps[i] === 'resolved' ? resolved : created + i * 20 * 60_000;
      entry(id, at, commander, {
        kind: 'status_changed',
        text: `Status: ${steps[i - 1]} → ${steps[i]}`,
        before_value: JSON.stringify(steps[i - 1]),
        after_value: JSON.stringify(steps[i]),
      });
    }
    if (r.next() < 0.1 || row.private) {
      for (let i = 0; i <= r.int(3); i++) {
        subscribers.push({ incident_id: id, user_id: person(), added_by: commander, created_at: created });
      }
    }
    if (r.next() < 0.003)
      subscribers.push({ incident_id: id, user_id: world.me.id, added_by: null, created_at: created });
  }
  const uniqueSubscribers = [...new Map(subscribers.map((s) => [`${s.incident_id}:${s.user_id}`, s])).values()];

  await ctx.db.transaction().execute(async (trx) => {
    await insertMany(trx, 'incidents', incidents);
    await insertMany(trx, 'incident_services', services);
    await insertMany(trx, 'incident_roles', roles);
    await insertMany(trx, 'incident_subscribers', uniqueSubscribers);
    await insertMany(trx, 'timeline_entries', entries);
    await insertMany(trx, 'incident_search_docs', docs);
    // The next declared incident must take the next number, as takeNextIncidentNumber hands them out.
    await trx
      .updateTable('incident_sequences')
      .set({ value: INCIDENTS })
      .where('name', '=', 'incident_number')
      .execute();
  });
}

function role(
  incidentId: string,
  key: string,
  userId: string,
  by: string | null,
  at: number,
  relieved: number | null,
): IncidentRolesTable {
  return {
    id: newId(),
    incident_id: incidentId,
    role: key,
    user_id: userId,
    assigned_by: by,
    assigned_at: at,
    relieved_at: relieved,
  };
}

/**
 * A three-day Sev1 worked on through the real commands (status, roles, subscribers, decisions,
 * updates, notes, pins), whose entries are then copied to 10,000, spread over the three days.
 * Returns its reference as the web UI uses it (`INC-n`).
 */
export async function seedBigIncident(ctx: TestContext, world: World): Promise<string> {
  const r = seededRandom(3);
  const realNow = systemClock.now();
  const clock = new FakeClock(realNow - 3 * DAY);
  setClock(ctx, clock);
  try {
    const crew = world.people.slice(0, 15);
    const commander: Viewer = { userId: crew[0]!.id, name: crew[0]!.name, role: 'responder' };
    const { incident } = await declareIncident(ctx, commander, {
      title: 'Checkout failing for all customers',
      severity: 'sev1',
      summary: 'Payments provider returns timeouts; checkout conversion dropped to zero.',
      impact: 'All customers cannot pay.',
      serviceIds: world.services.slice(0, 3).map((s) => s.id),
    });
    const ref = incident.number;
    const tick = () => clock.advance(5 * 60_000);
    await changeStatusTo(ctx, commander, ref, 'identified');
    await assignRole(ctx, commander, ref, { role: 'communications_lead', userId: crew[1]!.id });
    await assignRole(ctx, commander, ref, { role: 'scribe', userId: crew[2]!.id });
    for (const p of crew.slice(3, 8)) await assignRole(ctx, commander, ref, { role: 'investigator', userId: p.id });
    for (const p of crew.slice(8, 14)) await addSubscriber(ctx, commander, ref, { userId: p.id });
    for (let i = 0; i < 6; i++) {
      await tick();
      await recordDecision(ctx, commander, ref, {
        question: `Decision ${i}: roll back or fail over?`,
        options: [
          { name: 'Roll back', tradeoffs: 'Loses the fix of yesterday' },
          { name: 'Fail over', tradeoffs: 'Ten minutes of read-only' },
        ],
        choice: r.next() < 0.5 ? 'Roll back' : 'Fail over',
        rationale: 'Fastest way back to a working checkout.',
      });
    }
    for (let i = 0; i < 12; i++) {
      await tick();
      await postStatusUpdate(ctx, commander, ref, {
        currentStatus: `Update ${i}: still failing over payments traffic; next update in 15 minutes.`,
        impact: 'Checkout unavailable for all customers.',
      });
    }
    const noteIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      await tick();
      const author: Viewer = { ...commander, userId: crew[i % 8]!.id, name: crew[i % 8]!.name };
      noteIds.push(
        (await addNote(ctx, author, ref, { text: `Observation ${i}: ${r.pick(SYMPTOMS)} after ${r.pick(CAUSES)}` })).id,
      );
    }
    for (const id of noteIds.slice(0, 15)) await pinEntry(ctx, commander, ref, id, true);

    const sample = await ctx.db
      .selectFrom('timeline_entries')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .execute();
    const copies: TimelineEntriesTable[] = [];
    const from = realNow - 3 * DAY;
    for (let i = sample.length; i < TIMELINE; i++) {
      const s = sample[r.int(sample.length)]!;
      const at = from + Math.floor(((i + 1) / TIMELINE) * 3 * DAY) - r.int(60_000);
      copies.push({
        ...s,
        id: newId(),
        actor_id: crew[r.int(crew.length)]!.id,
        happened_at: at,
        recorded_at: at,
        pinned: 0,
      });
    }
    await ctx.db.transaction().execute((trx) => insertMany(trx, 'timeline_entries', copies));
    const count = await ctx.db
      .selectFrom('timeline_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incident_id', '=', incident.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) !== TIMELINE) throw new Error(`expected ${TIMELINE} entries, found ${count.n}`);
    return ref;
  } finally {
    setClock(ctx, systemClock);
  }
}

const setClock = (ctx: TestContext, clock: Clock) => Object.assign(ctx, { clock });

const changeStatusTo = (ctx: TestContext, by: Viewer, ref: string, status: IncidentStatus) =>
  changeStatus(ctx, by, ref, { status });
