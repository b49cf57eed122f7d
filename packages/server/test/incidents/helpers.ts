import type { AppContext } from '../../src/core/context.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { incidentJobs } from '../../src/domains/incidents/incidents.jobs.js';
import type { Viewer } from '../../src/domains/incidents/incidents.policy.js';
import { type BuiltUser, buildUser } from '../factories.js';

export const viewer = (user: BuiltUser): Viewer => ({ userId: user.id, name: user.name, role: user.role });

/** A person of the given role, with the Viewer the commands take. */
export async function person(ctx: AppContext, role: BuiltUser['role'] = 'responder') {
  const user = await buildUser(ctx, { role });
  return { user, as: viewer(user) };
}

/** Runs every incidents job due now through the real scheduler (claims, runs, deletes). */
export function runDueJobs(ctx: AppContext): Promise<number> {
  return new Scheduler({ ctx, handlers: incidentJobs }).runDue();
}

export async function declare(
  ctx: AppContext,
  by: Viewer,
  overrides: Partial<Parameters<typeof declareIncident>[2]> = {},
) {
  const { incident } = await declareIncident(ctx, by, { title: 'Checkout is failing', severity: 'sev2', ...overrides });
  return incident;
}

export async function timelineKinds(ctx: AppContext, incidentId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('timeline_entries')
    .select('kind')
    .where('incident_id', '=', incidentId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}
