import { CreatePageInput, type PageSource } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { isUniqueViolation } from '../../directory/db-errors.js';
import { parseInput } from '../../directory/validate.js';
import { findOpenByDedupKey, type PageRow } from '../pages.repo.js';
import { actorIdOf, type PageBy, requireResponder } from '../paging.policy.js';
import { resolveAssignment } from './assignment.js';
import { writeNewPage } from './new-pages.js';
import { planStep } from './start-step.js';
import { logLine } from './steps.js';

export type NewPage = CreatePageInput & { source?: PageSource };

/**
 * Starts a page: its first escalation step is written with it, in the same transaction (its
 * notifications are queued when this returns), later levels follow on their delays as durable
 * jobs until someone acknowledges. With a `dedupKey` that an open page already has, no new
 * page starts and the open one is answered. For other domains (alerts, incidents) and the API.
 *
 * @example
 * const { id } = await createPage(ctx, { source: 'incident', serviceId, summary: 'Checkout down', urgency: 'high', incidentId }, SYSTEM);
 */
export async function createPage(
  ctx: AppContext,
  input: NewPage,
  by: PageBy,
): Promise<{ id: string; deduplicated: boolean }> {
  const { source = 'manual', ...rest } = input;
  const data = parseInput(CreatePageInput, rest);
  requireResponder(by, 'page people');
  if (data.dedupKey) {
    const open = await findOpenByDedupKey(ctx.db, data.dedupKey);
    if (open) return { id: open.id, deduplicated: true };
  }
  if (data.incidentId) {
    const incident = await ctx.db
      .selectFrom('incidents')
      .select('id')
      .where('id', '=', data.incidentId)
      .executeTakeFirst();
    if (!incident) throw invalidField('incidentId', `no incident with id "${data.incidentId}"`);
  }
  const assignment = await resolveAssignment(ctx, data);
  const now = ctx.clock.now();
  const row: PageRow = {
    id: newId(),
    source,
    status: 'triggered',
    urgency: data.urgency,
    summary: data.summary,
    details: data.details,
    service_id: assignment.serviceId,
    team_id: assignment.teamId,
    incident_id: data.incidentId ?? null,
    dedup_key: data.dedupKey ?? null,
    policy_id: assignment.policyId,
    target_user_ids: JSON.stringify(assignment.userIds),
    assignment_step: 0,
    current_step: -1,
    created_by: actorIdOf(by),
    created_at: now,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    updated_at: now,
  };
  const first = await planStep(ctx, row, 0, 'triggered', now);
  // Written together with its first step, the page is stored already at that step.
  if (first) row.current_step = 0;
  try {
    const triggered = logLine(
      row.id,
      now,
      'triggered',
      row.created_by,
      `Triggered (${data.urgency} urgency, ${source}): ${data.summary}`,
    );
    await writeNewPage(ctx, { row, triggered, first });
  } catch (err) {
    // Another trigger with the same key won the race: join its page.
    const open = data.dedupKey && isUniqueViolation(err) ? await findOpenByDedupKey(ctx.db, data.dedupKey) : undefined;
    if (open) return { id: open.id, deduplicated: true };
    throw err;
  }
  ctx.events.emit('page.triggered', {
    pageId: row.id,
    urgency: row.urgency,
    serviceId: row.service_id,
    incidentId: row.incident_id,
  });
  return { id: row.id, deduplicated: false };
}
