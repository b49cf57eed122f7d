import type { FakeClock } from '../../src/core/clock.js';
import type { AppContext } from '../../src/core/context.js';
import type { DomainEvents, EventName } from '../../src/core/events.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { changeStatus } from '../../src/domains/incidents/commands/change-status.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { postmortemJobs } from '../../src/domains/postmortems/postmortems.jobs.js';

export { person, viewer } from '../incidents/helpers.js';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

/** Declares an incident and resolves it ten minutes later. */
export async function resolvedIncident(
  ctx: AppContext & { clock: FakeClock },
  by: Viewer,
  overrides: Partial<Parameters<typeof declareIncident>[2]> = {},
) {
  const { incident } = await declareIncident(ctx, by, {
    title: 'Checkout is failing',
    severity: 'sev2',
    summary: 'Card payments time out.',
    impact: 'Customers cannot pay by card.',
    ...overrides,
  });
  await ctx.clock.advance(10 * MIN);
  await changeStatus(ctx, by, incident.id, { status: 'resolved' });
  return incident;
}

/** Runs every postmortem job due now through the real scheduler. */
export function runDueJobs(ctx: AppContext): Promise<number> {
  return new Scheduler({ ctx, handlers: postmortemJobs }).runDue();
}

/** Records every emission of the named events, in order. */
export function recordEvents<K extends EventName>(ctx: AppContext, names: K[]) {
  const seen: { name: K; payload: DomainEvents[K] }[] = [];
  const offs = names.map((name) => ctx.events.on(name, (payload) => void seen.push({ name, payload })));
  return {
    seen,
    stop: () => {
      for (const off of offs) off();
    },
  };
}
