import { type IncidentDetail, ReportIncidentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { newId, slugify } from '../../../core/ids.js';
import { notifyIncidentChanged } from '../incidents.live.js';
import type { IncidentsTable } from '../incidents.model.js';
import { requireRole, type Viewer } from '../incidents.policy.js';
import { insertIncidentRow, replaceIncidentServices, takeNextIncidentNumber } from '../incidents.repo.js';
import { detailAfterChange } from '../incidents.service.js';
import { indexIncidentDocument } from '../search.repo.js';
import { searchDocumentOf, writeEntry } from './change.js';
import { parse, pastTime, requireServices } from './inputs.js';

/**
 * Files a report (e.g. from customer support) into triage, routed to the team owning the first
 * affected service that has an owner. It becomes an incident only when someone accepts it.
 */
export async function reportIncident(ctx: AppContext, by: Viewer, input: ReportIncidentInput): Promise<IncidentDetail> {
  const data = parse(ReportIncidentInput, input);
  requireRole(by, 'viewer', 'report problems');
  const now = ctx.clock.now();
  const detectedAt = pastTime(data.detectedAt, 'detectedAt', now) ?? now;
  const services = await requireServices(ctx.db, data.serviceIds);
  const teamId = services.find((s) => s.team_id)?.team_id ?? null;

  const row = await ctx.db.transaction().execute(async (trx) => {
    const row: IncidentsTable = {
      id: newId(),
      number: await takeNextIncidentNumber(trx),
      title: data.title,
      slug: slugify(data.title),
      channel_name: null,
      status: 'triage',
      severity_id: null,
      source: data.source,
      private: data.private ? 1 : 0,
      summary: '',
      impact: data.impact,
      users_affected: data.usersAffected,
      report_customer: data.customer,
      report_observed: data.observed,
      team_id: teamId,
      reporter_id: by.userId,
      declined_reason: null,
      merged_into_id: null,
      detected_at: detectedAt,
      declared_at: null,
      acknowledged_at: null,
      mitigated_at: null,
      resolved_at: null,
      closed_at: null,
      severity_set_at: null,
      next_update_due_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await insertIncidentRow(trx, row);
    await replaceIncidentServices(
      trx,
      row,
      services.map((s) => s.id),
    );
    await writeEntry(trx, row.id, now, by.userId, {
      kind: 'reported',
      text: `Reported by ${data.customer}: ${data.observed}`,
      after: { status: 'triage' },
      data: { customer: data.customer, observed: data.observed, teamId },
    });
    await indexIncidentDocument(trx, searchDocumentOf(row));
    await notifyIncidentChanged(trx, ctx, row.id);
    return row;
  });
  ctx.events.emit('incident.reported', { incidentId: row.id, teamId });
  ctx.events.emit('incident.changed', { incidentId: row.id });
  return detailAfterChange(ctx, by, row.id);
}
