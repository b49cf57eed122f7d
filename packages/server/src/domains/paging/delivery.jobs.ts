import type { AppContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { retryDelayMs } from '../../core/scheduler/backoff.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { DeliveryError, temporary } from './channels/channel.js';
import { channels } from './channels/index.js';
import { writeLog } from './commands/steps.js';
import { renderMessage } from './message.js';
import {
  finishAttempt,
  getNotice,
  getNotification,
  insertAttempt,
  markInterrupted,
  type NotificationRow,
  updateNotificationFenced,
} from './notifications.repo.js';
import { getPage, type PageRow } from './pages.repo.js';
import { JOB_SEND, MAX_DELIVERY_ATTEMPTS, PRIORITY, sendKey } from './paging.model.js';

// `notification-send`: delivers one outbox row, one attempt per run. Every attempt is a row with
// its outcome and latency. A temporary failure schedules the next attempt (exponential backoff, or
// the peer's Retry-After) as a new job; a permanent one, or the last attempt, gives up and says so
// on the page. The job itself only fails for database trouble. Each notification has its own job,
// so a slow or broken channel never holds up anyone else's notification.

export const RETRY_BACKOFF = { baseMs: 30_000, maxMs: 15 * 60_000 };
const MAX_RETRY_AFTER_MS = 60 * 60_000;
export const SEND_TIMEOUT_MS = 10_000;

const FINISHED = new Set(['sent', 'failed', 'cancelled']);

export const deliverNotification: JobHandler<{ notificationId: string }> = async (job, ctx) => {
  const n = await getNotification(ctx.db, job.payload.notificationId);
  if (!n || FINISHED.has(n.status)) return;
  const page = n.page_id ? ((await getPage(ctx.db, n.page_id)) ?? null) : null;
  if (n.purpose === 'page' && page?.status !== 'triggered') {
    await updateNotificationFenced(ctx.db, n.id, n.attempts, { status: 'cancelled' });
    return;
  }

  const attempt = n.attempts + 1;
  const attemptId = newId();
  const startedAt = ctx.clock.now();
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    // `sending` means a worker died mid-send; the outcome is unknown, so the same key goes out again.
    if (n.status === 'sending') await markInterrupted(trx, n.id, startedAt);
    if (!(await updateNotificationFenced(trx, n.id, n.attempts, { status: 'sending', attempts: attempt })))
      return false;
    await insertAttempt(trx, {
      id: attemptId,
      notification_id: n.id,
      attempt,
      status: 'in_progress',
      error: null,
      http_status: null,
      started_at: startedAt,
      finished_at: null,
      latency_ms: null,
    });
    return true;
  });
  if (!claimed) return;

  const user = await ctx.db.selectFrom('users').select(['id', 'name']).where('id', '=', n.user_id).executeTakeFirst();
  const notice = n.notice_id ? ((await getNotice(ctx.db, n.notice_id)) ?? null) : null;
  const message = renderMessage(ctx, n, page, user ?? { id: n.user_id, name: '' }, notice);
  const began = performance.now();
  let result: { providerId?: string | null; httpStatus?: number | null } | null = null;
  let failure: DeliveryError | null = null;
  try {
    const channel = channels[n.channel];
    if (!channel) throw new DeliveryError('permanent', `no channel for "${n.channel}"`);
    result = await channel.send(
      { notificationId: n.id, contactMethodId: n.contact_method_id, address: n.address, message },
      { config: ctx.config, secretKey: ctx.secretKey, now: startedAt, timeoutMs: SEND_TIMEOUT_MS },
    );
  } catch (err) {
    failure = err instanceof DeliveryError ? err : temporary((err as Error).message ?? String(err));
  }
  const latency = Math.round(performance.now() - began);
  await recordOutcome(ctx, { n, page, attempt, attemptId, latency, result, failure });
};

type Outcome = {
  n: NotificationRow;
  page: PageRow | null;
  attempt: number;
  attemptId: string;
  latency: number;
  result: { providerId?: string | null; httpStatus?: number | null } | null;
  failure: DeliveryError | null;
};

async function recordOutcome(ctx: AppContext, o: Outcome): Promise<void> {
  const now = ctx.clock.now();
  const { n, failure } = o;
  await ctx.db.transaction().execute(async (trx) => {
    if (!failure) {
      await finishAttempt(trx, o.attemptId, {
        status: 'accepted',
        http_status: o.result?.httpStatus ?? null,
        finished_at: now,
        latency_ms: o.latency,
      });
      await updateNotificationFenced(trx, n.id, o.attempt, {
        status: 'sent',
        sent_at: now,
        provider_id: o.result?.providerId ?? null,
        last_error: null,
      });
      if (n.purpose === 'test' && n.contact_method_id) {
        const row = {
          contact_method_id: n.contact_method_id,
          user_id: n.user_id,
          notification_id: n.id,
          verified_at: now,
        };
        await trx
          .insertInto('contact_method_verifications')
          .values(row)
          .onConflict((oc) => oc.column('contact_method_id').doUpdateSet({ notification_id: n.id, verified_at: now }))
          .execute();
      }
      return;
    }
    await finishAttempt(trx, o.attemptId, {
      status: failure.kind === 'permanent' ? 'permanent_failure' : 'temporary_failure',
      error: failure.message,
      http_status: failure.options.httpStatus ?? null,
      finished_at: now,
      latency_ms: o.latency,
    });
    const giveUp = failure.kind === 'permanent' || o.attempt >= MAX_DELIVERY_ATTEMPTS;
    if (giveUp) {
      await updateNotificationFenced(trx, n.id, o.attempt, {
        status: 'failed',
        failed_at: now,
        last_error: failure.message,
      });
      if (n.page_id) {
        const name = (await trx.selectFrom('users').select('name').where('id', '=', n.user_id).executeTakeFirst())
          ?.name;
        const why = failure.kind === 'permanent' ? 'permanent failure' : `gave up after ${o.attempt} attempts`;
        await writeLog(
          trx,
          n.page_id,
          now,
          'delivery_failed',
          null,
          `Could not notify ${name ?? n.user_id} by ${n.channel} (${why}): ${failure.message}`,
        );
      }
      return;
    }
    await updateNotificationFenced(trx, n.id, o.attempt, { status: 'retrying', last_error: failure.message });
    const delay =
      failure.options.retryAfterMs !== undefined
        ? Math.min(failure.options.retryAfterMs, MAX_RETRY_AFTER_MS)
        : retryDelayMs(o.attempt, RETRY_BACKOFF);
    await enqueueJob(trx, ctx.clock, {
      kind: JOB_SEND,
      payload: { notificationId: n.id },
      runAt: now + delay,
      dedupeKey: sendKey(n.id),
      priority: n.purpose === 'page' ? PRIORITY.send[n.urgency] : PRIORITY[n.purpose],
    });
  });
}
