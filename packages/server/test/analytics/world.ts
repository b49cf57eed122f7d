import type { FakeClock } from '../../src/core/clock.js';
import type { AppContext } from '../../src/core/context.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { domains } from '../../src/domains/index.js';
import { createPage } from '../../src/domains/paging/commands/create-page.js';

// Builders for analytics suites: incidents and pages made through the owning domains' own
// commands at exact times on the fake clock, so every expected figure can be worked out by hand.

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

type Ctx = AppContext & { clock: FakeClock };

export type Step =
  | { at: number; update: 'stakeholders' | 'public' }
  | { at: number; status: 'monitoring' | 'resolved' };

/**
 * Declares an incident now, detected `detectedAgo` ms earlier, then plays `steps` (minutes after
 * declaration, in order). The clock ends at the last step.
 */
export async function playIncident(
  ctx: Ctx,
  by: Viewer,
  options: {
    severity: string;
    detectedAgo: number;
    serviceIds?: string[];
    private?: boolean;
    source?: 'alert' | 'customer_report' | 'internal';
    steps: Step[];
  },
) {
  const declaredAt = ctx.clock.now();
  const { incident } = await declareIncident(ctx, by, {
    title: `Incident at ${new Date(declaredAt).toISOString()}`,
    severity: options.severity,
    serviceIds: options.serviceIds ?? [],
    private: options.private ?? false,
    source: options.source ?? 'internal',
    detectedAt: new Date(declaredAt - options.detectedAgo).toISOString(),
  });
  for (const step of options.steps) {
    await ctx.clock.set(declaredAt + step.at * MIN);
    if ('update' in step) {
      await postStatusUpdate(ctx, by, incident.id, { audience: step.update, currentStatus: 'Working on it' });
    } else {
      await changeStatus(ctx, by, incident.id, { status: step.status });
    }
  }
  return incident;
}

/** Every domain's jobs, run until none is due (a page's first step writes its recipients). */
export async function runJobs(ctx: AppContext): Promise<void> {
  const handlers = Object.assign({}, ...domains.map((d) => d.jobs ?? {}));
  const scheduler = new Scheduler({ ctx, handlers });
  for (let i = 0; i < 20; i++) if ((await scheduler.runDue()) === 0) return;
}

/** Pages these people directly at `at` and runs the first step. */
export async function pageAt(ctx: Ctx, at: number, userIds: string[]): Promise<string> {
  await ctx.clock.set(at);
  const { id } = await createPage(ctx, { userIds, summary: `Page at ${new Date(at).toISOString()}` }, 'system');
  await runJobs(ctx);
  return id;
}
