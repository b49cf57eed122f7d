import { CreatePostmortemInput, formatIncidentNumber } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parse, requirePerson } from '../../incidents/commands/inputs.js';
import type { IncidentRow } from '../../incidents/incidents.model.js';
import { requireVisible, type Viewer } from '../../incidents/incidents.policy.js';
import { findIncidentByRef } from '../../incidents/incidents.repo.js';
import { activeRoles } from '../../incidents/roles.repo.js';
import { loadIncidentFacts } from '../incident-facts.js';
import { requireWriter } from '../postmortems.policy.js';
import {
  addContributorRows,
  getPostmortemOfIncident,
  insertPostmortemRow,
  insertSectionRows,
  insertTimelineRows,
} from '../postmortems.repo.js';
import { prefillSection } from '../prefill.js';
import { dueRuleFor, resolveTemplate } from '../templates.service.js';
import { addWorkingDays } from '../working-days.js';
import { schedulePostmortemReminders } from './schedule.js';

const DONE = ['resolved', 'closed'];

/**
 * Starts the postmortem of a resolved incident: sections from the template (introduction, impact
 * and the process figures pre-filled), a copy of the incident's key timeline entries, due dates
 * from the severity's rule in working days of the organisation's time zone, reminders, and an
 * invitation to everyone involved. `by` null is the system (the auto-draft on resolution).
 * Returns the postmortem id and whether it was created now.
 */
export async function createPostmortem(
  ctx: AppContext,
  by: Viewer | null,
  input: CreatePostmortemInput,
  options: { automatic?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  const data = parse(CreatePostmortemInput, input);
  requireWriter(by, 'write postmortems');
  let invited: string[] = [];
  let incident: IncidentRow | undefined;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    incident = await requireVisible(trx, await findIncidentByRef(trx, data.incidentId), by, data.incidentId);
    const label = formatIncidentNumber(incident.number);
    const existing = await getPostmortemOfIncident(trx, incident.id);
    if (existing) {
      if (options.automatic) return { id: existing.id, created: false };
      throw conflict('postmortem_exists', `${label} already has a postmortem.`, { postmortemId: existing.id });
    }
    if (!DONE.includes(incident.status) || incident.resolved_at == null) {
      throw conflict(
        'incident_not_resolved',
        `${label} is ${incident.status}; write its postmortem once it is resolved.`,
      );
    }
    const template = await resolveTemplate(trx, data.templateId);
    const facts = await loadIncidentFacts(trx, incident);
    if (data.ownerId) await requirePerson(trx, data.ownerId, 'ownerId');
    const commanderId = (await activeRoles(trx, incident.id)).find((r) => r.role === 'commander')?.user_id ?? null;
    const rule = facts.severity ? await dueRuleFor(trx, facts.severity) : null;
    const zone = ctx.config.orgTimeZone;
    const due = (days: number | null | undefined) => (days ? addWorkingDays(incident!.resolved_at!, days, zone) : null);
    const now = ctx.clock.now();
    const pm = {
      id: newId(),
      incident_id: incident.id,
      template_id: template.id,
      title: data.title ?? `Postmortem: ${incident.title}`,
      status: 'draft' as const,
      owner_id: data.ownerId ?? commanderId ?? by?.userId ?? null,
      due_at: due(rule?.draftDueWorkingDays),
      publish_due_at: due(rule?.publishDueWorkingDays),
      review_meeting_at: null,
      figures: JSON.stringify(facts.figures),
      created_by: by?.userId ?? null,
      created_at: now,
      updated_at: now,
      submitted_at: null,
      published_at: null,
      version: 1,
    };
    await insertPostmortemRow(trx, pm);
    const raced = await getPostmortemOfIncident(trx, incident.id);
    if (raced?.id !== pm.id) {
      if (options.automatic && raced) return { id: raced.id, created: false };
      throw conflict('postmortem_exists', `${label} already has a postmortem.`, { postmortemId: raced?.id });
    }
    await insertSectionRows(
      trx,
      template.sections.map((s, position) => ({
        postmortem_id: pm.id,
        key: s.key,
        position,
        title: s.title,
        kind: s.kind,
        prompt: s.prompt,
        body: prefillSection(s.key, s.kind, incident!, facts.figures),
        version: 1,
        updated_by: null,
        updated_at: now,
      })),
    );
    await insertTimelineRows(
      trx,
      facts.timeline.map((e) => ({
        id: newId(),
        postmortem_id: pm.id,
        source_entry_id: e.id,
        kind: e.kind,
        text: e.text,
        actor_id: e.actor_id,
        happened_at: e.happened_at,
        edited: 0,
        created_at: now,
        updated_at: now,
      })),
    );
    const people = [...facts.involved];
    if (by && !facts.involved.has(by.userId)) people.push([by.userId, 'author']);
    const active = await trx
      .selectFrom('users')
      .select('id')
      .where('id', 'in', people.length ? people.map(([id]) => id) : [''])
      .where('deactivated_at', 'is', null)
      .execute();
    const activeIds = new Set(active.map((u) => u.id));
    invited = await addContributorRows(
      trx,
      people
        .filter(([id]) => activeIds.has(id))
        .map(([userId, reason]) => ({
          postmortem_id: pm.id,
          user_id: userId,
          reason,
          invited_by: by?.userId ?? null,
          invited_at: now,
          last_contributed_at: null,
        })),
    );
    await schedulePostmortemReminders(trx, ctx, pm);
    return { id: pm.id, created: true };
  });
  if (outcome.created && incident) {
    ctx.events.emit('postmortem.created', {
      postmortemId: outcome.id,
      incidentId: incident.id,
      automatic: Boolean(options.automatic),
    });
    if (invited.length) {
      ctx.events.emit('postmortem.contributors_invited', {
        postmortemId: outcome.id,
        incidentId: incident.id,
        userIds: invited,
      });
    }
  }
  return outcome;
}
