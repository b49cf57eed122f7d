import { isActive } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { newId } from '../../../core/ids.js';
import { postStatusUpdate } from '../../incidents/commands/post-status-update.js';
import { getStatusUpdateRow } from '../../incidents/records.repo.js';
import { getPublicIncidentByIncident, insertPublicUpdate } from '../incidents.repo.js';
import type { Editor } from '../statuspage.policy.js';
import { changePage } from './page-change.js';

// The link between a public incident and its internal incident. A public update is the page's own
// row first (the page is the source of truth for customers) and is then posted on the incident as
// a `public` status update, so it appears on the timeline and counts for the update cadence. A
// `public` update posted on the incident directly is mirrored onto the page by the listener below.

/** Incidents this process is posting a public update to right now: their event is ours, not a mirror. */
const ownPosts = new Map<string, number>();

/**
 * Records a page update on the internal incident's timeline through the incidents domain's command.
 * The page update stands even if this fails (the incident may be closed): it is logged, not thrown.
 */
export async function recordOnTimeline(
  ctx: AppContext,
  by: Editor,
  incidentId: string | null,
  pageUpdateId: string,
  body: string,
  nextUpdateAt?: string,
): Promise<void> {
  if (!incidentId) return;
  const incident = await ctx.db
    .selectFrom('incidents')
    .select(['id', 'status'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (!incident || !(isActive(incident.status) || incident.status === 'resolved')) return;
  ownPosts.set(incidentId, (ownPosts.get(incidentId) ?? 0) + 1);
  try {
    const update = await postStatusUpdate(ctx, by, incidentId, {
      audience: 'public',
      currentStatus: body,
      nextUpdateAt,
    });
    await ctx.db
      .updateTable('status_incident_updates')
      .set({ incident_update_id: update.id })
      .where('id', '=', pageUpdateId)
      .execute();
  } catch (err) {
    ctx.log.warn({ err, incidentId, pageUpdateId }, 'public update is on the page but not on the incident timeline');
  } finally {
    const left = (ownPosts.get(incidentId) ?? 1) - 1;
    if (left > 0) ownPosts.set(incidentId, left);
    else ownPosts.delete(incidentId);
  }
}

/** Mirrors a `public` status update posted on a published incident onto its public page. */
export async function mirrorIncidentUpdate(
  ctx: AppContext,
  event: { incidentId: string; updateId: string; audience: string },
): Promise<void> {
  if (event.audience !== 'public' || ownPosts.has(event.incidentId)) return;
  const page = await getPublicIncidentByIncident(ctx.db, event.incidentId);
  const update = await getStatusUpdateRow(ctx.db, event.updateId);
  if (!page || !update || page.status === 'resolved') return;
  await changePage(ctx, 'public update mirrored', async (c) => {
    const id = newId();
    const added = await insertPublicUpdate(c.trx, {
      id,
      status_incident_id: page.id,
      status: page.status,
      body: update.current_status,
      component_changes: '[]',
      incident_update_id: update.id,
      posted_by: update.posted_by,
      created_at: c.now,
    });
    if (!added) return;
    await c.trx.updateTable('status_incidents').set({ updated_at: c.now }).where('id', '=', page.id).execute();
    await c.notifySubscribers(`update:${id}`);
    c.emit('statuspage.update_posted', { statusIncidentId: page.id, updateId: id });
  });
}
