import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { AppError } from '../../core/errors.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import type { Job, JobHandler } from '../../core/scheduler/jobs.model.js';
import { JOB } from './chat.model.js';
import { isPermanent, retryAfterMs, slackError } from './slack.client.js';

// Every outbound chat call runs in a durable job, so Slack being down or rate limiting never
// blocks or fails an incident command: the change commits, the job catches up later.
// - a 429 re-enqueues the job at its Retry-After (the scheduler's own backoff would ignore it);
// - a permanent Slack error is logged and dropped (retrying cannot fix a revoked token);
// - anything else throws, and the scheduler retries with exponential backoff.

type Kind = (typeof JOB)[keyof typeof JOB];
type Payload = Record<string, unknown> & { rateLimited?: number };

/** One pending job per key: bursts of changes to an incident coalesce into one sync. */
const DEDUPE: Partial<Record<Kind, (p: any) => string>> = {
  [JOB.openWarRoom]: (p) => `${JOB.openWarRoom}:${p.incidentId}`,
  [JOB.syncWarRoom]: (p) => `${JOB.syncWarRoom}:${p.incidentId}`,
  [JOB.announce]: (p) => `${JOB.announce}:${p.updateId}`,
  [JOB.capture]: (p) => `${JOB.capture}:${p.workspaceId}:${p.channelId}:${p.messageTs}`,
  [JOB.release]: (p) => `${JOB.release}:${p.workspaceId}:${p.channelId}:${p.messageTs}`,
};

/** After this many Retry-Afters in a row the job fails like any other, and the backoff takes over. */
const MAX_RATE_LIMITED = 20;

export function enqueueChatJob(
  ex: Executor,
  ctx: Pick<AppContext, 'clock'>,
  kind: Kind,
  payload: Payload,
  options: { runAt?: number; once?: boolean } = {},
): Promise<string> {
  return enqueueJob(ex, ctx.clock, {
    kind,
    payload,
    runAt: options.runAt,
    dedupeKey: DEDUPE[kind]?.(payload),
    // A modal's trigger id lives three seconds: a retry minutes later could never succeed.
    maxAttempts: options.once ? 1 : 10,
    priority: 10,
  });
}

/** Wraps a job handler with the outbox's retry rules (above). */
export function chatJob<P extends Payload>(run: (job: Job<P>, ctx: AppContext) => Promise<void>): JobHandler<P> {
  return async (job, ctx) => {
    try {
      await run(job, ctx);
    } catch (err) {
      const wait = retryAfterMs(err) ?? (err instanceof HttpRetryAfter ? err.waitMs : undefined);
      const count = (job.payload.rateLimited ?? 0) + 1;
      if (wait !== undefined && job.maxAttempts > 1 && count <= MAX_RATE_LIMITED) {
        ctx.log.warn(
          { kind: job.kind, jobId: job.id, waitMs: wait },
          'chat call rate limited; retrying after Retry-After',
        );
        await enqueueChatJob(
          ctx.db,
          ctx,
          job.kind as Kind,
          { ...job.payload, rateLimited: count },
          { runAt: ctx.clock.now() + wait },
        );
        return;
      }
      // An AppError is a Firebreak command refusing (no permission, incident finished): retrying cannot help.
      if (isPermanent(err) || err instanceof PermanentChatError || err instanceof AppError) {
        ctx.log.error(
          { kind: job.kind, jobId: job.id, error: slackError(err) ?? (err as Error).message },
          'chat call failed for good',
        );
        return;
      }
      throw err;
    }
  };
}

/** A webhook answered 429 or 503 with Retry-After. */
export class HttpRetryAfter extends Error {
  constructor(readonly waitMs: number) {
    super(`rate limited; retry after ${waitMs} ms`);
  }
}

/** A failure retrying cannot fix (a 4xx from a webhook, a workspace that was disconnected). */
export class PermanentChatError extends Error {}
