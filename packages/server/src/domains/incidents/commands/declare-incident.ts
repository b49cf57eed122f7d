import { type DeclaredIncident, DeclareIncidentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { newId, slugify } from '../../../core/ids.js';
import { uniqueChannelName } from '../channel-name.js';
import { notifyIncidentChanged } from '../incidents.live.js';
import type { IncidentsTable } from '../incidents.model.js';
import { requireRole, type Viewer } from '../incidents.policy.js';
import { insertIncidentRow, replaceIncidentServices, takeNextIncidentNumber } from '../incidents.repo.js';
import { findSimilarIncidents, incidentDetail } from '../incidents.service.js';
import { insertRole } from '../roles.repo.js';
import { indexIncidentDocument } from '../search.repo.js';
import { searchDocumentOf, writeEntry } from './change.js';
import { parse, pastTime, requirePerson, requireServices, requireSeverity } from './inputs.js';
import { cadenceDue, rescheduleUpdateReminder, scheduleUpgradePrompt } from './schedule.js';

/**
 * Declares an incident: numbered, named, commanded (by the declarer unless someone else is named),
 * on the timeline, with its first update reminder and upgrade prompt scheduled. Answers with
 * similar past incidents the viewer may see.
 */
export async function declareIncident(
  ctx: AppContext,
  by: Viewer,
  input: DeclareIncidentInput,
): Promise<DeclaredIncident> {
  const data = parse(DeclareIncidentInput, input);
  requireRole(by, 'responder', 'declare incidents');
  const now = ctx.clock.now();
  const detectedAt = pastTime(data.detectedAt, 'detectedAt', now) ?? now;
  const severity = await requireSeverity(ctx.db, data.severity);
  const services = await requireServices(ctx.db, data.serviceIds);
  const commanderId = data.commanderId ?? by.userId;
  await requirePerson(ctx.db, commanderId, 'commanderId');

  const id = newId();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const number = await takeNextIncidentNumber(trx);
    const row: IncidentsTable = {
      id,
      number,
      title: data.title,
      slug: slugify(data.title),
      channel_name: await uniqueChannelName(trx, data.title, now, ctx.config.orgTimeZone, number),
      status: 'investigating',
      severity_id: severity.id,
      source: data.source,
      private: data.private ? 1 : 0,
      summary: data.summary,
      impact: data.impact,
      users_affected: data.usersAffected,
      report_customer: null,
      report_observed: null,
      team_id: services.find((s) => s.team_id)?.team_id ?? null,
      reporter_id: by.userId,
      declined_reason: null,
      merged_into_id: null,
      detected_at: Math.min(detectedAt, now),
      declared_at: now,
      acknowledged_at: now,
      mitigated_at: null,
      resolved_at: null,
      closed_at: null,
      severity_set_at: now,
      next_update_due_at: cadenceDue(severity, now),
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
    await insertRole(trx, {
      id: newId(),
      incident_id: id,
      role: 'commander',
      user_id: commanderId,
      assigned_by: by.userId,
      assigned_at: now,
      relieved_at: null,
    });
    await writeEntry(trx, id, now, by.userId, {
      kind: 'declared',
      text: `Declared ${severity.name}: ${data.title}`,
      after: { status: 'investigating', severity: severity.key },
      data: { severity: severity.key, source: data.source, commanderId, private: data.private },
    });
    await indexIncidentDocument(trx, searchDocumentOf(row));
    await rescheduleUpdateReminder(trx, ctx, id, null, row.next_update_due_at);
    await scheduleUpgradePrompt(trx, ctx, id, severity, now);
    await notifyIncidentChanged(trx, ctx, id);
    return row;
  });

  ctx.events.emit('incident.declared', { incidentId: id, severity: severity.key, commanderId, private: data.private });
  ctx.events.emit('incident.changed', { incidentId: id });
  const text = [data.title, data.summary].filter(Boolean).join('\n');
  const [incident, similar] = await Promise.all([
    incidentDetail(ctx, row, by),
    findSimilarIncidents(ctx, by, { text, limit: 5, excludeId: id }),
  ]);
  return { incident, similar };
}
