import { setImmediate as nextTurn } from 'node:timers/promises';
import { DEFAULT_URGENCY_MAP } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { enqueueJob } from '../../core/scheduler/enqueue.js';
import type { JobHandler } from '../../core/scheduler/jobs.model.js';
import { getServiceById, getUserById } from '../directory/index.js';
import type { Viewer } from '../incidents/index.js';
import { acknowledgePage, createPage, resolvePage } from '../paging/index.js';
import { isServiceUnderStatusMaintenance } from '../statuspage/index.js';
import {
  type AlertGroupRow,
  groupPageDedupKey,
  JOB_DECLARE,
  JOB_FLAP_SETTLE,
  JOB_HEARTBEAT,
  JOB_PAGE_GROUP,
  JOB_SWEEP_EVENTS,
  JOB_SYNC_PAGE,
} from './alerts.model.js';
import { getGroup, lockServices, sweepOrphanEvents } from './alerts.repo.js';
import { settleFlappingGroup } from './commands/change-alerts.js';
import { checkHeartbeat } from './commands/heartbeat.js';
import { isServiceInMaintenance } from './commands/maintenance-windows.js';
import { promoteGroup } from './commands/promote-group.js';
import { configOf } from './integration-config.js';
import { getIntegration } from './integrations.repo.js';

// Scheduled work of the alerts domain. Each handler re-reads the state and does nothing when its
// work is already done, so a job that runs twice (after a crash) is harmless.

type GroupPayload = { groupId: string };

/**
 * Pages for a new group once its grace period is over — only if it is still open and unacknowledged
 * and the service is not in maintenance; otherwise records why nobody was paged.
 */
const pageGroup: JobHandler<GroupPayload> = async (job, ctx) => {
  const group = await getGroup(ctx.db, job.payload.groupId);
  if (!group || group.page_id || group.notify_state !== 'pending') return;
  const now = ctx.clock.now();
  const integration = group.integration_id ? await getIntegration(ctx.db, group.integration_id) : undefined;
  if (group.status === 'resolved') {
    const grace = integration?.grace_seconds ?? 0;
    const after = Math.round(((group.resolved_at ?? now) - group.first_alert_at) / 1000);
    const why = grace > 0 ? `within the ${grace} s grace period` : 'before the page went out';
    return setNotify(ctx, group, 'transient', `Resolved ${after} s after it opened, ${why}: nobody was paged.`);
  }
  if (group.status === 'acknowledged') {
    return setNotify(ctx, group, 'acknowledged', 'Acknowledged before the page was due: nobody was paged.');
  }
  // A window set here or a scheduled maintenance on the status page: either way nobody expects a page.
  if (
    (await isServiceInMaintenance(ctx, group.service_id, now)) ||
    (await isServiceUnderStatusMaintenance(ctx, group.service_id, now))
  ) {
    return setNotify(
      ctx,
      group,
      'maintenance',
      'The service went into maintenance before the page was due: nobody was paged.',
    );
  }
  const urgency = integration ? configOf(integration).urgency[group.severity] : DEFAULT_URGENCY_MAP[group.severity];
  const service = await getServiceById(ctx, group.service_id);
  const more = group.alert_count > 1 ? ` (+${group.alert_count - 1} more)` : '';
  const base = {
    source: 'alert' as const,
    summary: `${service?.name ?? 'Service'}: ${group.title}`.slice(0, 300 - more.length) + more,
    details: `${group.alert_count} alert(s), worst severity ${group.severity}.\n${ctx.config.publicUrl}/alerts/groups/${group.id}`,
    urgency,
    dedupKey: groupPageDedupKey(group.id),
    ...(group.incident_id ? { incidentId: group.incident_id } : {}),
  };
  let pageId: string | null = null;
  let unrouted = '';
  for (const target of [{ serviceId: group.service_id }, ...(service?.teamId ? [{ teamId: service.teamId }] : [])]) {
    try {
      pageId = (await createPage(ctx, { ...base, ...target }, 'system')).id;
      break;
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      unrouted = err.message;
    }
  }
  if (!pageId) return setNotify(ctx, group, 'unrouted', `Nobody to page: ${unrouted}`);
  const paged = pageId;
  await ctx.db.transaction().execute(async (trx) => {
    await lockServices(trx, ctx.dialect, [group.service_id]);
    const fresh = await getGroup(trx, group.id);
    if (!fresh || fresh.page_id) return;
    await trx
      .updateTable('alert_groups')
      .set({ page_id: paged, notify_state: 'paged', notify_note: `Paged (${urgency} urgency).`, updated_at: now })
      .where('id', '=', group.id)
      .execute();
    // Acknowledged or resolved while the page was being created: let the page follow.
    if (fresh.status !== 'triggered')
      await enqueueJob(trx, ctx.clock, { kind: JOB_SYNC_PAGE, payload: { groupId: group.id } });
  });
};

async function setNotify(ctx: AppContext, group: AlertGroupRow, state: AlertGroupRow['notify_state'], note: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await lockServices(trx, ctx.dialect, [group.service_id]);
    await trx
      .updateTable('alert_groups')
      .set({ notify_state: state, notify_note: note, updated_at: ctx.clock.now() })
      .where('id', '=', group.id)
      .where('notify_state', '=', 'pending')
      .execute();
  });
}

/** The group's page follows the group: acknowledged or resolved. */
const syncPage: JobHandler<GroupPayload> = async (job, ctx) => {
  const group = await getGroup(ctx.db, job.payload.groupId);
  if (!group?.page_id) return;
  try {
    if (group.status === 'acknowledged') await acknowledgePage(ctx, group.page_id, 'system');
    else if (group.status === 'resolved') await resolvePage(ctx, group.page_id, 'system');
  } catch (err) {
    // A page resolved (or removed) meanwhile needs nothing more.
    if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 404)) throw err;
  }
};

/** An integration rule declares an incident for the group, as the rule's commander. */
const declareForGroup: JobHandler<GroupPayload & { integrationId: string }> = async (job, ctx) => {
  const group = await getGroup(ctx.db, job.payload.groupId);
  if (!group || group.incident_id) return;
  const integration = await getIntegration(ctx.db, job.payload.integrationId);
  const rule = integration ? configOf(integration).autoIncident : null;
  if (!integration || !rule) return;
  const commanderId = rule.commanderId ?? integration.created_by;
  const person = commanderId ? await getUserById(ctx, commanderId) : undefined;
  if (!person) {
    ctx.log.warn({ groupId: group.id }, 'automatic incident skipped: the rule names no active commander');
    return;
  }
  const by: Viewer = { userId: person.id, name: person.name, role: person.role };
  try {
    await promoteGroup(
      ctx,
      group.id,
      { severity: rule.incidentSeverity, title: `${integration.name}: ${group.title}`.slice(0, 200) },
      by,
    );
  } catch (err) {
    // A bad rule (severity removed, commander without the responder role) must not retry forever.
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    ctx.log.warn({ err, groupId: group.id }, 'automatic incident not declared');
  }
};

/** Events looked at per statement of a sweep: a few milliseconds, so other work goes on between them. */
const SWEEP_CHUNK = 5000;

/**
 * Deletes the events of deleted alerts (enqueued when an integration or a service is deleted):
 * events have no foreign key to their alert, see migration 2026-11-23-150. Running twice is harmless.
 */
const sweepEvents: JobHandler = async (_job, ctx) => {
  let after: string | null = '';
  while (after !== null) {
    after = await sweepOrphanEvents(ctx.db, after, SWEEP_CHUNK);
    await nextTurn(); // on SQLite every statement runs on the event loop: let requests in between
  }
};

export const alertJobs: Record<string, JobHandler> = {
  [JOB_PAGE_GROUP]: pageGroup,
  [JOB_SYNC_PAGE]: syncPage,
  [JOB_DECLARE]: declareForGroup,
  [JOB_HEARTBEAT]: (job, ctx) => checkHeartbeat(ctx, (job.payload as { integrationId: string }).integrationId),
  [JOB_FLAP_SETTLE]: (job, ctx) => {
    const { groupId, windowMs } = job.payload as GroupPayload & { windowMs: number };
    return settleFlappingGroup(ctx, groupId, windowMs);
  },
  [JOB_SWEEP_EVENTS]: sweepEvents,
};
