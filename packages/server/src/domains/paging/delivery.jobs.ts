import type { AppContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { signingSecrets } from '../../core/outbound/signing-keys.js';
import { retryDelayMs } from '../../core/scheduler/backoff.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import { transact } from '../../core/scheduler/group-commit.js';
import { type JobHandler, type JobRun, RUN_ALONE } from '../../core/scheduler/jobs.model.js';
import { type ChannelDeps, DeliveryError, type SendResult, temporary } from './channels/channel.js';
import { channels } from './channels/index.js';
import { sendPriority } from './commands/outbox.js';
import { writeLog } from './commands/steps.js';
import { renderMessage } from './message.js';
import {
  type AttemptRow,
  getNotificationToSend,
  insertAttempts,
  type NotificationRow,
  updateNotificationFenced,
} from './notifications.repo.js';
import { JOB_SEND, MAX_DELIVERY_ATTEMPTS, sendKey } from './paging.model.js';
import { webhookSigningKeys } from './webhook-signing.js';

// `notification-send`: delivers one outbox row, one attempt per run. Every attempt is a row with
// its outcome and latency. A temporary failure schedules the next attempt (exponential backoff, or
// the peer's Retry-After) as a new job; a permanent one, or the last attempt, gives up and says so
// on the page. The job itself only fails for database trouble. Each notification has its own job,
// and the send waits outside the scheduler's slots (`JobRun.outside`), so a slow or broken channel
// never holds up anyone else's notification. The outcome, its retry and the end of the job commit
// together.

export const RETRY_BACKOFF = { baseMs: 30_000, maxMs: 15 * 60_000 };
const MAX_RETRY_AFTER_MS = 60 * 60_000;
export const SEND_TIMEOUT_MS = 10_000;

const FINISHED = new Set(['sent', 'failed', 'cancelled']);

/** What a channel may use besides the delivery itself (it never touches the database on its own). */
export const channelDeps = (ctx: AppContext, now: number): ChannelDeps => ({
  config: ctx.config,
  secretKey: ctx.secretKey,
  now,
  timeoutMs: SEND_TIMEOUT_MS,
  signingSecrets: async (id) => signingSecrets(await webhookSigningKeys(ctx, id)),
});

export const deliverNotification: JobHandler<{ notificationId: string }> = async (job, ctx, run = RUN_ALONE) => {
  const found = await getNotificationToSend(ctx.db, job.payload.notificationId);
  if (!found || FINISHED.has(found.n.status)) return;
  const { n, about } = found;
  if (n.purpose === 'page' && about.page?.status !== 'triggered') {
    await transact(ctx, async (trx) => {
      await updateNotificationFenced(trx, n.id, n.attempts, { status: 'cancelled' });
      await run.finish(trx);
    });
    return;
  }

  const message = renderMessage(ctx, n, about.page, { id: n.user_id, name: about.recipientName }, about.notice);
  const startedAt = ctx.clock.now();
  const began = performance.now();
  let result: SendResult | null = null;
  let failure: DeliveryError | null = null;
  try {
    const channel = channels[n.channel];
    if (!channel) throw new DeliveryError('permanent', `no channel for "${n.channel}"`);
    const delivery = { notificationId: n.id, contactMethodId: n.contact_method_id, address: n.address, message };
    result = await run.outside(() => channel.send(delivery, channelDeps(ctx, startedAt)));
  } catch (err) {
    failure = err instanceof DeliveryError ? err : temporary((err as Error).message ?? String(err));
  }
  const latency = Math.round(performance.now() - began);
  await recordOutcome(ctx, run, { n, rerun: job.attempts > 1, startedAt, latency, result, failure });
};

type Outcome = {
  n: NotificationRow;
  /** An earlier run of this job stopped before recording its outcome. */
  rerun: boolean;
  startedAt: number;
  latency: number;
  result: SendResult | null;
  failure: DeliveryError | null;
};

// Nothing is written before the send: the attempt, the notification's new state, a retry and the
// end of the job commit together afterwards, fenced by the job's claim and the attempt count. A
// run that dies in between leaves the job to run again; that rerun records the lost attempt as
// interrupted (it may have reached the peer) and sends again under the same idempotency key.
async function recordOutcome(ctx: AppContext, run: JobRun, o: Outcome): Promise<void> {
  const now = ctx.clock.now();
  const { n, failure } = o;
  const attempt = n.attempts + (o.rerun ? 2 : 1);
  const giveUp = failure !== null && (failure.kind === 'permanent' || attempt >= MAX_DELIVERY_ATTEMPTS);
  await transact(ctx, async (trx) => {
    await run.finish(trx);
    const changes: Partial<NotificationRow> = !failure
      ? { status: 'sent', sent_at: now, provider_id: o.result?.providerId ?? null, last_error: null }
      : giveUp
        ? { status: 'failed', failed_at: now, last_error: failure.message }
        : { status: 'retrying', last_error: failure.message };
    // Another run recorded an outcome for this attempt meanwhile: the first one stands.
    if (!(await updateNotificationFenced(trx, n.id, n.attempts, { ...changes, attempts: attempt }))) return;
    const lost: AttemptRow[] = o.rerun
      ? [{ ...attemptRow(n.id, attempt - 1, o.startedAt), status: 'interrupted', error: INTERRUPTED }]
      : [];
    await insertAttempts(trx, [
      ...lost,
      {
        ...attemptRow(n.id, attempt, o.startedAt),
        status: !failure ? 'accepted' : failure.kind === 'permanent' ? 'permanent_failure' : 'temporary_failure',
        error: failure?.message ?? null,
        http_status: (failure ? failure.options.httpStatus : o.result?.httpStatus) ?? null,
        finished_at: now,
        latency_ms: o.latency,
      },
    ]);
    if (!failure) {
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
    if (giveUp) {
      if (n.page_id) {
        const name = (await trx.selectFrom('users').select('name').where('id', '=', n.user_id).executeTakeFirst())
          ?.name;
        const why = failure.kind === 'permanent' ? 'permanent failure' : `gave up after ${attempt} attempts`;
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
    const delay =
      failure.options.retryAfterMs !== undefined
        ? Math.min(failure.options.retryAfterMs, MAX_RETRY_AFTER_MS)
        : retryDelayMs(attempt, RETRY_BACKOFF);
    await enqueueJob(trx, ctx.clock, {
      kind: JOB_SEND,
      payload: { notificationId: n.id },
      runAt: now + delay,
      dedupeKey: sendKey(n.id),
      priority: sendPriority(n),
    });
  });
}

const INTERRUPTED = 'the run sending it stopped before recording the outcome; it may have arrived';

const attemptRow = (notificationId: string, attempt: number, at: number): AttemptRow => ({
  id: newId(),
  notification_id: notificationId,
  attempt,
  status: 'in_progress',
  error: null,
  http_status: null,
  started_at: at,
  finished_at: at,
  latency_ms: null,
});
