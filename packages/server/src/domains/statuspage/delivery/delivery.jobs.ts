import type { AppContext } from '../../../core/context.js';
import { signingKeysOf, signingSecrets } from '../../../core/outbound/signing-keys.js';
import type { JobHandler } from '../../../core/scheduler/jobs.model.js';
import type { FanoutPayload } from '../commands/page-change.js';
import { type DeliverPayload, queueNotification } from '../commands/subscriptions.js';
import { getComponentRows } from '../components.repo.js';
import {
  getPublicIncidentRow,
  getPublicUpdateRow,
  listAffectedComponentRows,
  listPublicUpdateRows,
} from '../incidents.repo.js';
import { v2Incident } from '../public/statuspage-v2.js';
import { getReportRow } from '../reports.repo.js';
import { loadSettings, pageUrl } from '../settings.service.js';
import type { NotificationRow, PublicIncidentRow, SubscriberRow } from '../statuspage.model.js';
import { getNotificationRow, getSubscriberRow, updateNotificationRow } from '../subscribers.repo.js';
import { interestedSubscribers } from './audience.js';
import { confirmEmail, type Email, reportEmail, updateEmail } from './messages.js';
import { SendError, sendEmail, sendWebhook } from './send.js';
import { confirmUrl, subscriberSigningOwner, unsubscribeUrl } from './tokens.js';

// `statuspage-fanout` turns one page update or report into one outbox row per interested
// subscriber, each with its own `statuspage-deliver` job, so one slow webhook never holds up the
// others. Delivery re-checks everything at send time: a subscriber who left, or an incident made
// private since, gets nothing.

type Subject = { kind: 'update' | 'report' | 'confirm'; id: string };

const parseSubject = (subject: string): Subject => {
  const [kind, ...rest] = subject.split(':');
  return { kind: kind as Subject['kind'], id: rest.join(':') };
};

/** The public incident behind a subject, unless it may not be shown (its incident is private). */
async function publicIncidentOf(ctx: AppContext, subject: Subject): Promise<PublicIncidentRow | undefined> {
  let statusIncidentId: string | undefined;
  if (subject.kind === 'update') statusIncidentId = (await getPublicUpdateRow(ctx.db, subject.id))?.status_incident_id;
  if (subject.kind === 'report') statusIncidentId = (await getReportRow(ctx.db, subject.id))?.status_incident_id;
  const row = statusIncidentId ? await getPublicIncidentRow(ctx.db, statusIncidentId) : undefined;
  if (!row) return undefined;
  if (row.incident_id) {
    const incident = await ctx.db
      .selectFrom('incidents')
      .select('private')
      .where('id', '=', row.incident_id)
      .executeTakeFirst();
    if (incident?.private) return undefined;
  }
  return row;
}

export const fanOut: JobHandler<FanoutPayload> = async (job, ctx) => {
  const subject = parseSubject(job.payload.subject);
  const row = await publicIncidentOf(ctx, subject);
  if (!row) return;
  const componentIds = (await listAffectedComponentRows(ctx.db, [row.id])).map((a) => a.component_id);
  const subscribers = await interestedSubscribers(ctx.db, componentIds);
  await ctx.db.transaction().execute(async (trx) => {
    for (const s of subscribers) await queueNotification(trx, ctx, s.id, job.payload.subject);
  });
};

export const deliver: JobHandler<DeliverPayload> = async (job, ctx) => {
  const n = await getNotificationRow(ctx.db, job.payload.notificationId);
  if (n?.status !== 'pending') return;
  const subscriber = await getSubscriberRow(ctx.db, n.subscriber_id);
  const subject = parseSubject(n.subject);
  const stillWanted =
    subscriber &&
    !subscriber.unsubscribed_at &&
    (subject.kind === 'confirm' ? subscriber.confirm_nonce === subject.id : subscriber.confirmed_at !== null);
  if (!subscriber || !stillWanted) {
    await updateNotificationRow(ctx.db, n.id, { status: 'failed', last_error: 'no longer wanted' });
    return;
  }
  const attempts = n.attempts + 1;
  try {
    const sent = await send(ctx, n, subscriber, subject);
    await updateNotificationRow(
      ctx.db,
      n.id,
      sent
        ? { status: 'sent', attempts, sent_at: ctx.clock.now(), last_error: null }
        : { status: 'failed', attempts, last_error: 'nothing to send any more' },
    );
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const giveUp = (err instanceof SendError && err.permanent) || job.attempts >= job.maxAttempts;
    await updateNotificationRow(ctx.db, n.id, { attempts, last_error: error, ...(giveUp ? { status: 'failed' } : {}) });
    if (!giveUp) throw err;
  }
};

async function send(
  ctx: AppContext,
  n: NotificationRow,
  subscriber: SubscriberRow,
  subject: Subject,
): Promise<boolean> {
  const settings = await loadSettings(ctx.db, ctx);
  const base = pageUrl(ctx, settings);
  const unsubscribe = unsubscribeUrl(base, ctx.secretKey, subscriber.id);
  if (subject.kind === 'confirm') {
    const email = confirmEmail({
      pageName: settings.name,
      confirmUrl: confirmUrl(base, ctx.secretKey, subscriber.id, subject.id),
    });
    await sendEmail(ctx.config, subscriber.address, email, { messageId: n.id });
    return true;
  }
  const row = await publicIncidentOf(ctx, subject);
  if (!row) return false;
  let email: Email;
  let extra: Record<string, unknown> = {};
  if (subject.kind === 'update') {
    const update = (await getPublicUpdateRow(ctx.db, subject.id))!;
    email = updateEmail({
      pageName: settings.name,
      pageUrl: base,
      incident: row,
      update,
      zone: settings.time_zone,
      unsubscribeUrl: unsubscribe,
    });
  } else {
    const report = (await getReportRow(ctx.db, subject.id))!;
    const sections = {
      apology: report.apology,
      whatHappened: report.what_happened,
      rootCause: report.root_cause,
      whatWeFixed: report.what_we_fixed,
      prevention: report.prevention,
    };
    email = reportEmail({
      pageName: settings.name,
      pageUrl: base,
      incident: row,
      report: sections,
      unsubscribeUrl: unsubscribe,
    });
    extra = { report: sections };
  }
  if (subscriber.kind === 'email') {
    await sendEmail(ctx.config, subscriber.address, email, { messageId: n.id, unsubscribeUrl: unsubscribe });
    return true;
  }
  const affected = await listAffectedComponentRows(ctx.db, [row.id]);
  const components = await getComponentRows(
    ctx.db,
    affected.map((a) => a.component_id),
  );
  const body = JSON.stringify({
    meta: { unsubscribe, generated_at: new Date(ctx.clock.now()).toISOString() },
    page: { id: settings.id, name: settings.name, url: base },
    incident: v2Incident(settings.id, components, {
      row,
      components: affected.map((a) => ({ componentId: a.component_id, status: a.status })),
      updates: await listPublicUpdateRows(ctx.db, [row.id]),
      report: null,
      url: `${base}/incidents/${row.id}`,
    }),
    ...extra,
  });
  const keys = await signingKeysOf(
    ctx.db,
    ctx.secretKey,
    subscriberSigningOwner(ctx.secretKey, subscriber.id),
    ctx.clock.now(),
  );
  await sendWebhook(subscriber.address, body, {
    secrets: signingSecrets(keys),
    idempotencyKey: n.id,
    nowMs: ctx.clock.now(),
    rules: ctx.config.outbound,
  });
  return true;
}
