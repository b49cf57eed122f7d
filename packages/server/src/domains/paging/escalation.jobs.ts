import { transact } from '../../core/scheduler/group-commit.js';
import { type JobHandler, RUN_ALONE } from '../../core/scheduler/jobs.model.js';
import { planStep, stepWrites, writeSteps } from './commands/start-step.js';
import type { StepPayload } from './commands/steps.js';
import { getPage, lockPage } from './pages.repo.js';

// `page-escalate`: one step of an escalation run (every step after the first, which `createPage`
// writes itself). The step's row, its notifications, its recipients, the job of the next step and
// the end of this job are written in one transaction; `page_steps` is unique per (page, step). A
// crash before the commit leaves the job to run again, a rerun finds its step done and does
// nothing: no step is doubled or skipped.

export const runEscalationStep: JobHandler<StepPayload> = async (job, ctx, run = RUN_ALONE) => {
  const { pageId, step, reason } = job.payload;
  const page = await getPage(ctx.db, pageId);
  if (page?.status !== 'triggered' || step <= page.current_step) return;
  const planned = await planStep(ctx, page, step, reason, ctx.clock.now());
  if (!planned) return;

  const ran = await transact(ctx, async (trx) => {
    const fresh = await lockPage(trx, ctx.dialect, pageId);
    const current =
      fresh?.status === 'triggered' && step > fresh.current_step && fresh.assignment_step === page.assignment_step;
    const wrote = current && (await writeSteps(trx, ctx, [stepWrites(fresh, planned)])).length > 0;
    await run.finish(trx);
    return wrote;
  });

  if (ran && reason !== 'triggered') {
    ctx.events.emit('page.escalated', {
      pageId,
      step,
      levelIndex: planned.target.levelIndex,
      userIds: planned.plans.map((p) => p.person.userId),
      reason,
    });
  }
};
