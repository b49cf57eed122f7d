import { formatIncidentNumber } from '@firebreak/shared';
import { DateTime } from 'luxon';
import type { AppContext } from '../../core/context.js';
import type { DomainEvents } from '../../core/events.js';
import { getIncidentRow, serviceIdsOf } from '../incidents/incidents.repo.js';
import { getSeverityByKey } from '../incidents/severities.repo.js';
import { policyIdOfService } from '../oncall/index.js';
import { createPage } from './commands/create-page.js';
import { notifyPerson } from './commands/notify-person.js';

// How paging delivers what other domains decide: incidents' reminders and prompts and on-call
// handoffs become notices (in-app plus low-urgency rules, never escalating); a high-urgency incident
// declared by a person pages the escalation policy of each affected service. Each reaction has a
// dedup key, so an event delivered twice (a job rerun after a crash) notifies once.

/** Subscribes paging to other domains' events; called once at start-up. */
export function subscribePaging(ctx: AppContext): void {
  ctx.events.on('incident.update_overdue', (e) => remindOverdueUpdate(ctx, e));
  ctx.events.on('incident.upgrade_prompt', (e) => promptUpgrade(ctx, e));
  ctx.events.on('oncall.shift_starting', (e) => announceShift(ctx, e));
  ctx.events.on('incident.declared', (e) => pageAffectedServices(ctx, e));
}

const incidentUrl = (ctx: AppContext, number: number) => `${ctx.config.publicUrl}/incidents/${number}`;

export async function remindOverdueUpdate(ctx: AppContext, e: DomainEvents['incident.update_overdue']): Promise<void> {
  const incident = await getIncidentRow(ctx.db, e.incidentId);
  if (!incident) return;
  const label = formatIncidentNumber(incident.number);
  const role = e.step === 'communications_lead' ? 'communications lead' : 'commander';
  await notifyPerson(ctx, {
    userId: e.recipientId,
    kind: 'update_overdue',
    subject: `${label}: status update overdue`,
    text: `The next status update on ${label} (${incident.title}) was due at ${DateTime.fromMillis(e.dueAt, { zone: 'UTC' }).toFormat("HH:mm 'UTC'")}. As ${role}, please post one now, even if it only says the investigation continues.`,
    url: incidentUrl(ctx, incident.number),
    dedupKey: `update_overdue:${e.incidentId}:${e.dueAt}:${e.step}`,
  });
}

export async function promptUpgrade(ctx: AppContext, e: DomainEvents['incident.upgrade_prompt']): Promise<void> {
  if (!e.commanderId) return;
  const incident = await getIncidentRow(ctx.db, e.incidentId);
  if (!incident) return;
  const label = formatIncidentNumber(incident.number);
  const [current, suggested] = await Promise.all([
    getSeverityByKey(ctx.db, e.severity),
    e.suggestedSeverity ? getSeverityByKey(ctx.db, e.suggestedSeverity) : undefined,
  ]);
  const name = current?.name ?? e.severity;
  await notifyPerson(ctx, {
    userId: e.commanderId,
    kind: 'upgrade_prompt',
    subject: `${label}: still ${name}${suggested ? `, consider ${suggested.name}` : ''}`,
    text: `${label} (${incident.title}) has been ${name} and unresolved for longer than expected.${
      suggested ? ` Consider upgrading it to ${suggested.name}.` : ''
    } The severity changes only when you decide.`,
    url: incidentUrl(ctx, incident.number),
    dedupKey: `upgrade_prompt:${e.incidentId}:${e.severity}:${incident.severity_set_at ?? 0}`,
  });
}

export async function announceShift(ctx: AppContext, e: DomainEvents['oncall.shift_starting']): Promise<void> {
  const user = await ctx.db.selectFrom('users').select('time_zone').where('id', '=', e.userId).executeTakeFirst();
  if (!user) return;
  const at = (ms: number) => DateTime.fromMillis(ms, { zone: user.time_zone }).toFormat('ccc d LLL HH:mm ZZZZ');
  const upcoming = e.notice === 'upcoming';
  await notifyPerson(ctx, {
    userId: e.userId,
    kind: 'shift_starting',
    subject: upcoming ? `On call soon: ${e.scheduleName}` : `You are on call now: ${e.scheduleName}`,
    text: `${upcoming ? 'You will be' : 'You are now'} on call for ${e.scheduleName} from ${at(e.start)} to ${at(e.end)}. Check that your contact methods work before it starts.`,
    url: `${ctx.config.publicUrl}/oncall/schedules/${e.scheduleId}`,
    dedupKey: `shift_starting:${e.scheduleId}:${e.userId}:${e.start}:${e.notice}`,
  });
}

/**
 * A person declared a high-urgency incident: page the escalation policy of every affected service
 * that has one, once per incident and service. Incidents from alerts are left alone: the alert
 * paged already. A private incident's page does not carry its title (pages are visible to everyone).
 */
export async function pageAffectedServices(ctx: AppContext, e: DomainEvents['incident.declared']): Promise<void> {
  const incident = await getIncidentRow(ctx.db, e.incidentId);
  if (!incident || incident.source === 'alert') return;
  const severity = await getSeverityByKey(ctx.db, e.severity);
  if (severity?.urgency !== 'high') return;
  const label = formatIncidentNumber(incident.number);
  const summary = `${label} (${severity.name}): ${e.private ? 'private incident' : incident.title}`.slice(0, 300);
  const details = e.private
    ? `A private incident was declared. Open ${incidentUrl(ctx, incident.number)} if you are a participant.`
    : [incident.summary, `Open: ${incidentUrl(ctx, incident.number)}`].filter(Boolean).join('\n\n');
  for (const serviceId of await serviceIdsOf(ctx.db, incident.id)) {
    if (!(await policyIdOfService(ctx, serviceId))) continue;
    const dedupKey = `incident:${incident.id}:service:${serviceId}`;
    // Once per incident and service, even after that page was resolved.
    const paged = await ctx.db.selectFrom('pages').select('id').where('dedup_key', '=', dedupKey).executeTakeFirst();
    if (paged) continue;
    try {
      await createPage(
        ctx,
        { source: 'incident', serviceId, summary, details, urgency: 'high', dedupKey, incidentId: incident.id },
        'system',
      );
    } catch (err) {
      // One service's broken set-up must not keep the others from being paged.
      ctx.log.error({ err, incidentId: incident.id, serviceId }, 'could not page for a declared incident');
    }
  }
}
