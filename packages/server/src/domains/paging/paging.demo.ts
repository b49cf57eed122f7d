import type { ChannelKind, PageSource, PageUrgency } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import { resolveEscalationLevel } from '../oncall/index.js';
import { setNotificationRules } from './commands/set-notification-rules.js';
import { setWorkingHours } from './commands/set-working-hours.js';
import type { NotificationRow } from './notifications.repo.js';
import type { PageRow } from './pages.repo.js';
import { listContactMethods } from './people.repo.js';

// Demo paging on top of the directory and on-call demos: notification rules for everyone with a
// phone (SMS at once, a call five minutes later if nobody acknowledged), a few verified methods, and
// resolved pages from the last days with their whole history (steps, deliveries with a retry,
// acknowledgements), so the page detail and on-call load look lived in. Written as rows: these
// pages happened in the past, and replaying them through the scheduler would send real messages.

const MIN = 60_000;
const CHANNELS = new Set<string>(['email', 'sms', 'voice', 'webhook', 'slack', 'ntfy']);

type Method = { id: string; user_id: string; kind: string; address: string };
type StepSpec = { at: number; levelIndex: number | null; levelName: string; userIds: string[]; flaky?: boolean };
type PageSpec = {
  summary: string;
  details: string;
  source: PageSource;
  urgency: PageUrgency;
  createdAt: number;
  serviceId: string | null;
  policyId: string | null;
  incidentId: string | null;
  steps: StepSpec[];
  ack: { at: number; by: string } | null;
  resolve: { at: number; by: string };
};

export async function pagingDemo(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const people = await ctx.db.selectFrom('users').select(['id', 'name']).where('deactivated_at', 'is', null).execute();
  const methods = (await listContactMethods(
    ctx.db,
    people.map((p) => p.id),
  )) as Method[];
  await seedRules(ctx, people, methods);

  const services = await ctx.db
    .selectFrom('service_escalation_policies as sep')
    .innerJoin('services as s', 's.id', 'sep.service_id')
    .select(['s.id as serviceId', 's.name as name', 'sep.policy_id as policyId'])
    .orderBy('s.name')
    .execute();
  const specs: PageSpec[] = [];
  for (const [i, service] of services.slice(0, 3).entries()) {
    const createdAt = now - (i * 2 + 1) * 86_400_000 - (3 + i) * 60 * MIN;
    // Who is on call now stands in for who was then: the demo rotations may have started only today.
    const level = (index: number) =>
      resolveEscalationLevel(ctx, service.policyId, index, now).catch(() => [] as string[]);
    const first = await level(0);
    const second = await level(1);
    if (first.length === 0) continue;
    const escalated = i === 1 && second.length > 0;
    const responder = (escalated ? second[0] : first[0]) ?? second[0];
    if (!responder) continue;
    const incident = await ctx.db
      .selectFrom('incident_services')
      .select('incident_id')
      .where('service_id', '=', service.serviceId)
      .executeTakeFirst();
    specs.push({
      summary: [
        `${service.name}: error rate above 5% for 5 minutes`,
        `${service.name}: p99 latency above 2 s`,
        `${service.name}: health check failing from 2 regions`,
      ][i]!,
      details: 'Started by the monitoring demo. The dashboard link would be here.',
      source: i === 2 && incident ? 'incident' : 'manual',
      urgency: 'high',
      createdAt,
      serviceId: service.serviceId,
      policyId: service.policyId,
      incidentId: i === 2 ? (incident?.incident_id ?? null) : null,
      steps: [
        { at: createdAt, levelIndex: 0, levelName: 'Level 1', userIds: first, flaky: i === 0 },
        ...(escalated
          ? [{ at: createdAt + 10 * MIN, levelIndex: 1, levelName: 'Level 2', userIds: second.slice(0, 2) }]
          : []),
      ],
      ack: { at: createdAt + (escalated ? 13 : 4) * MIN, by: responder },
      resolve: { at: createdAt + (45 + i * 20) * MIN, by: responder },
    });
  }
  const someone = people.find((p) => methods.some((m) => m.user_id === p.id));
  if (someone) {
    const createdAt = now - 4 * 86_400_000;
    specs.push({
      summary: 'Nightly data export is 2 hours late',
      details: 'Low urgency: look at it during working hours.',
      source: 'manual',
      urgency: 'low',
      createdAt,
      serviceId: null,
      policyId: null,
      incidentId: null,
      steps: [{ at: createdAt, levelIndex: null, levelName: 'Paged directly', userIds: [someone.id] }],
      ack: null,
      resolve: { at: createdAt + 90 * MIN, by: someone.id },
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const spec of specs) await writePage(trx, spec, methods, people);
  });
}

/** SMS at once and a call after 5 minutes for high urgency; chat (or SMS) for low; a few verified. */
async function seedRules(ctx: AppContext, people: { id: string }[], methods: Method[]): Promise<void> {
  for (const [i, person] of people.entries()) {
    const own = methods.filter((m) => m.user_id === person.id);
    const sms = own.find((m) => m.kind === 'sms');
    const voice = own.find((m) => m.kind === 'voice');
    const chat = own.find((m) => m.kind === 'slack') ?? sms;
    if (!sms) continue;
    await setNotificationRules(
      ctx,
      person.id,
      {
        high: [
          { contactMethodId: sms.id, delayMinutes: 0 },
          ...(voice ? [{ contactMethodId: voice.id, delayMinutes: 5 }] : []),
        ],
        low: chat ? [{ contactMethodId: chat.id, delayMinutes: 0 }] : [],
      },
      'system',
    );
    // Most people have confirmed their phone works; a couple have not, so readiness has something to say.
    if (i % 4 !== 3) await verify(ctx, sms);
    if (i % 5 === 0)
      await setWorkingHours(
        ctx,
        person.id,
        { days: [1, 2, 3, 4], start: '08:00', end: '16:00', timeZone: null },
        'system',
      );
  }
}

async function verify(ctx: AppContext, method: Method): Promise<void> {
  const at = ctx.clock.now() - 20 * 86_400_000;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notifications')
      .values({
        ...notification(method.user_id, at, 'high'),
        id,
        purpose: 'test',
        channel: method.kind as ChannelKind,
        contact_method_id: method.id,
        address: method.address,
      })
      .execute();
    await insertAttempts(trx, id, at, false);
    await trx
      .insertInto('contact_method_verifications')
      .values({ contact_method_id: method.id, user_id: method.user_id, notification_id: id, verified_at: at + 1_000 })
      .execute();
  });
}

function notification(userId: string, at: number, urgency: PageUrgency): NotificationRow {
  return {
    id: newId(),
    purpose: 'page',
    page_id: null,
    step: null,
    user_id: userId,
    contact_method_id: null,
    channel: 'in_app',
    address: '',
    urgency,
    status: 'sent',
    due_at: at,
    attempts: 1,
    last_error: null,
    provider_id: null,
    sent_at: at + 1_000,
    failed_at: null,
    read_at: at + 5 * MIN,
    created_at: at,
  };
}

/** One accepted attempt, or a 503 first and an accepted retry 30 s later. */
async function insertAttempts(trx: Executor, notificationId: string, at: number, flaky: boolean): Promise<void> {
  const rows = [
    ...(flaky
      ? [{ status: 'temporary_failure' as const, error: 'HTTP 503: provider busy', http_status: 503, started_at: at }]
      : []),
    { status: 'accepted' as const, error: null, http_status: 201, started_at: at + (flaky ? 30_000 : 0) },
  ];
  await trx
    .insertInto('notification_attempts')
    .values(
      rows.map((r, i) => ({
        id: newId(),
        notification_id: notificationId,
        attempt: i + 1,
        ...r,
        finished_at: r.started_at + 420,
        latency_ms: 420,
      })),
    )
    .execute();
}

async function writePage(trx: Executor, spec: PageSpec, methods: Method[], people: { id: string; name: string }[]) {
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const last = spec.steps.at(-1)!;
  const page: PageRow = {
    id: newId(),
    source: spec.source,
    status: 'resolved',
    urgency: spec.urgency,
    summary: spec.summary,
    details: spec.details,
    service_id: spec.serviceId,
    team_id: null,
    incident_id: spec.incidentId,
    dedup_key: null,
    policy_id: spec.policyId,
    target_user_ids: JSON.stringify(spec.policyId ? [] : last.userIds),
    assignment_step: 0,
    current_step: spec.steps.length - 1,
    created_by: null,
    created_at: spec.createdAt,
    acknowledged_at: spec.ack?.at ?? null,
    acknowledged_by: spec.ack?.by ?? null,
    resolved_at: spec.resolve.at,
    resolved_by: spec.resolve.by,
    updated_at: spec.resolve.at,
  };
  await trx.insertInto('pages').values(page).execute();
  const log = (at: number, kind: string, actor: string | null, text: string) =>
    trx.insertInto('page_log').values({ id: newId(), page_id: page.id, kind, actor_id: actor, text, at }).execute();
  await log(spec.createdAt, 'triggered', null, `Triggered (${spec.urgency} urgency, ${spec.source}): ${spec.summary}`);
  for (const [step, s] of spec.steps.entries()) {
    const next = spec.steps[step + 1];
    await trx
      .insertInto('page_steps')
      .values({
        id: newId(),
        page_id: page.id,
        step,
        level_index: s.levelIndex,
        level_name: s.levelName,
        user_ids: JSON.stringify(s.userIds),
        reason: step === 0 ? 'triggered' : 'timeout',
        started_at: s.at,
        next_step_at: next ? next.at : null,
      })
      .execute();
    await log(s.at, 'step', null, `${s.levelName}: notifying ${s.userIds.map(name).join(', ')}`);
    for (const userId of s.userIds) {
      const base = { ...notification(userId, s.at, spec.urgency), page_id: page.id, step };
      const method = methods.find((m) => m.user_id === userId && CHANNELS.has(m.kind));
      const rows: NotificationRow[] = [base];
      if (method) {
        rows.push({
          ...base,
          id: newId(),
          channel: method.kind as ChannelKind,
          contact_method_id: method.id,
          address: method.address,
          attempts: s.flaky ? 2 : 1,
          sent_at: s.at + (s.flaky ? 31_000 : 1_000),
          read_at: null,
        });
      }
      await trx.insertInto('notifications').values(rows).execute();
      if (method) await insertAttempts(trx, rows[1]!.id, s.at, s.flaky === true);
      await trx
        .insertInto('page_recipients')
        .values({
          page_id: page.id,
          user_id: userId,
          first_step: step,
          urgency: spec.urgency,
          notified_at: s.at,
          outside_working_hours: 0,
          acknowledged_at: spec.ack?.at ?? null,
          acknowledged_by_recipient: spec.ack?.by === userId ? 1 : 0,
        })
        .onConflict((oc) => oc.columns(['page_id', 'user_id']).doNothing())
        .execute();
    }
  }
  if (spec.ack) await log(spec.ack.at, 'acknowledged', spec.ack.by, 'Acknowledged');
  await log(spec.resolve.at, 'resolved', spec.resolve.by, 'Resolved');
}
