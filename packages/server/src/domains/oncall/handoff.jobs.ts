import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { HANDOFF_NOTICE_LEAD_MS } from './oncall.model.js';
import { onCallStretches } from './schedule.engine.js';
import { loadSchedule, resolveLoaded } from './schedule.service.js';
import { DAY_MS } from './zone-time.js';

// "You are on call from … to …": for every stretch a person starts, one notice an hour before
// (`upcoming`) and one at the handoff (`handoff`), emitted as `oncall.shift_starting` for the paging
// domain to deliver. Each schedule has a self-rescheduling chain of jobs: a job emits its notice
// and enqueues the next notice point. The dedupe key names the schedule, stretch start and notice,
// so chains started by later edits merge with the running one instead of doubling notices.

export const HANDOFF_JOB = 'oncall-handoff-notice';
const LOOKAHEAD_MS = 35 * DAY_MS;

export type HandoffPayload = { scheduleId: string; start: number; notice: 'upcoming' | 'handoff' | 'recheck' };

type NoticePoint = { runAt: number; start: number; notice: HandoffPayload['notice'] };

function noticePoints(stretchStarts: number[]): NoticePoint[] {
  return stretchStarts
    .flatMap((start) => [
      { runAt: start - HANDOFF_NOTICE_LEAD_MS, start, notice: 'upcoming' as const },
      { runAt: start, start, notice: 'handoff' as const },
    ])
    .sort((a, b) => a.runAt - b.runAt || (a.notice === 'upcoming' ? -1 : 1));
}

/**
 * Enqueues the schedule's first notice point after `after`, in the caller's transaction. Called by
 * every command that changes a schedule, and by the job for its successor.
 */
export async function planNextHandoffNotice(
  ex: Executor,
  ctx: AppContext,
  scheduleId: string,
  after: number,
): Promise<void> {
  const from = after;
  const to = after + LOOKAHEAD_MS + HANDOFF_NOTICE_LEAD_MS;
  const loaded = await loadSchedule(ctx, scheduleId, from - DAY_MS, to, ex);
  if (!loaded) return;
  const stretches = onCallStretches(resolveLoaded(loaded, from - DAY_MS, to).final);
  // A stretch "starts" at its start unless it was already running at the window's edge.
  const starts = stretches.filter((s) => s.start > from - DAY_MS).map((s) => s.start);
  const next = noticePoints(starts).find((p) => p.runAt > after);
  const point: NoticePoint = next ?? { runAt: after + LOOKAHEAD_MS, start: after + LOOKAHEAD_MS, notice: 'recheck' };
  await enqueueJob(ex, ctx.clock, {
    kind: HANDOFF_JOB,
    payload: { scheduleId, start: point.start, notice: point.notice } satisfies HandoffPayload,
    runAt: point.runAt,
    dedupeKey: `${HANDOFF_JOB}:${scheduleId}:${point.start}:${point.notice}`,
  });
}

export const handoffNoticeJob: JobHandler<HandoffPayload> = async (job, ctx) => {
  const { scheduleId, start, notice } = job.payload;
  const loaded = await loadSchedule(ctx, scheduleId, start - DAY_MS, start + LOOKAHEAD_MS);
  if (!loaded) return; // schedule deleted: the chain ends
  const emits: { userId: string; end: number }[] = [];
  const late = notice === 'upcoming' && ctx.clock.now() >= start;
  if (notice !== 'recheck' && !late) {
    // Recompute: an edit since the job was planned may have moved or removed this stretch.
    const stretches = onCallStretches(resolveLoaded(loaded, start - DAY_MS, start + LOOKAHEAD_MS).final);
    for (const s of stretches) if (s.start === start) emits.push({ userId: s.userId, end: s.end });
  }
  await ctx.db.transaction().execute((trx) => planNextHandoffNotice(trx, ctx, scheduleId, job.runAt));
  for (const e of emits) {
    ctx.events.emit('oncall.shift_starting', {
      scheduleId,
      scheduleName: loaded.schedule.name,
      userId: e.userId,
      start,
      end: e.end,
      notice: notice as 'upcoming' | 'handoff',
    });
  }
};
