import { isActive, type PublicIncident, PublishIncidentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { getVisibleIncident } from '../../incidents/index.js';
import {
  getPublicIncidentByIncident,
  insertPublicIncident,
  insertPublicUpdate,
  replaceAffectedComponents,
} from '../incidents.repo.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { publicIncidentView } from '../statuspage.service.js';
import { parse, requireComponents } from './inputs.js';
import { changePage } from './page-change.js';
import { recordOnTimeline } from './timeline-link.js';

/**
 * Publishes an internal incident on the public page: a customer-facing name and first update in
 * plain language, the components it affects with their status, and the impact. A private incident
 * is refused: it never appears on any public surface.
 */
export async function publishIncident(
  ctx: AppContext,
  by: Editor,
  input: PublishIncidentInput,
): Promise<PublicIncident> {
  requireMay(by, 'communicate', 'publish incidents on the status page');
  const data = parse(PublishIncidentInput, input);
  const incident = await getVisibleIncident(ctx, by, data.incidentId);
  if (incident.private) {
    throw conflict(
      'incident_private',
      'This incident is private; private incidents are never shown on the status page.',
    );
  }
  if (!isActive(incident.status)) {
    throw conflict(
      'incident_not_active',
      `Only incidents being worked on can be published; this one is ${incident.status}.`,
    );
  }
  const existing = await getPublicIncidentByIncident(ctx.db, incident.id);
  if (existing) {
    throw conflict('already_published', 'This incident is already on the status page; post an update to it instead.', {
      publicIncidentId: existing.id,
    });
  }
  const { row, updateId } = await changePage(ctx, 'incident published', async (c) => {
    await requireComponents(
      c.trx,
      data.components.map((a) => a.componentId),
    );
    const row = {
      id: newId(),
      kind: 'incident' as const,
      incident_id: incident.id,
      name: data.name,
      status: data.status,
      impact: data.impact,
      scheduled_for: null,
      scheduled_until: null,
      started_at: c.now,
      monitoring_at: data.status === 'monitoring' ? c.now : null,
      resolved_at: null,
      created_by: by.userId,
      created_at: c.now,
      updated_at: c.now,
    };
    await insertPublicIncident(c.trx, row);
    await replaceAffectedComponents(
      c.trx,
      row.id,
      data.components.map((a) => ({ component_id: a.componentId, status: a.status })),
    );
    const changes = await c.setComponentStatuses(new Map(data.components.map((a) => [a.componentId, a.status])));
    const updateId = newId();
    await insertPublicUpdate(c.trx, {
      id: updateId,
      status_incident_id: row.id,
      status: data.status,
      body: data.body,
      component_changes: JSON.stringify(changes),
      incident_update_id: null,
      posted_by: by.userId,
      created_at: c.now,
    });
    await c.notifySubscribers(`update:${updateId}`);
    c.emit('statuspage.incident_published', { statusIncidentId: row.id, incidentId: incident.id });
    return { row, updateId };
  });
  await recordOnTimeline(ctx, by, incident.id, updateId, data.body);
  return publicIncidentView(ctx, ctx.db, row);
}
