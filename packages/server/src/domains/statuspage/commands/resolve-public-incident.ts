import { type PublicIncident, ResolvePublicIncidentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { AppError, conflict, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { getComponentRows } from '../components.repo.js';
import {
  getPublicIncidentRow,
  insertPublicUpdate,
  listAffectedComponentRows,
  updatePublicIncidentRow,
} from '../incidents.repo.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { publicIncidentView, restoredStatuses } from '../statuspage.service.js';
import { parse } from './inputs.js';
import { changePage } from './page-change.js';
import { recordOnTimeline } from './timeline-link.js';

/**
 * Resolves a public incident and gives its components back their status: operational, unless
 * another open incident or running maintenance still holds them. Because that visibly changes the
 * page, the caller must confirm; without `confirm: true` it answers 400 with what would change.
 */
export async function resolvePublicIncident(
  ctx: AppContext,
  by: Editor,
  id: string,
  input: ResolvePublicIncidentInput,
): Promise<PublicIncident> {
  requireMay(by, 'communicate', 'resolve public incidents');
  const data = parse(ResolvePublicIncidentInput, input);
  const { row, updateId } = await changePage(ctx, 'public incident resolved', async (c) => {
    const row = await getPublicIncidentRow(c.trx, id);
    if (row?.kind !== 'incident') throw notFound('public incident', id);
    if (row.status === 'resolved')
      throw conflict('public_incident_resolved', 'This public incident is already resolved.');
    const componentIds = (await listAffectedComponentRows(c.trx, [row.id])).map((a) => a.component_id);
    const targets = await restoredStatuses(c.trx, componentIds, row.id);
    if (!data.confirm) {
      const rows = await getComponentRows(c.trx, componentIds);
      throw new AppError(
        400,
        'confirmation_required',
        'Resolving restores the affected components on the public page; send "confirm": true to go ahead.',
        {
          componentChanges: rows
            .filter((r) => r.status !== targets.get(r.id))
            .map((r) => ({ componentId: r.id, name: r.name, oldStatus: r.status, newStatus: targets.get(r.id) })),
        },
      );
    }
    await updatePublicIncidentRow(c.trx, row.id, { status: 'resolved', resolved_at: c.now, updated_at: c.now });
    const changes = await c.setComponentStatuses(targets);
    const updateId = newId();
    await insertPublicUpdate(c.trx, {
      id: updateId,
      status_incident_id: row.id,
      status: 'resolved',
      body: data.body,
      component_changes: JSON.stringify(changes),
      incident_update_id: null,
      posted_by: by.userId,
      created_at: c.now,
    });
    await c.notifySubscribers(`update:${updateId}`);
    c.emit('statuspage.update_posted', { statusIncidentId: row.id, updateId });
    return { row, updateId };
  });
  await recordOnTimeline(ctx, by, row.incident_id, updateId, data.body);
  return publicIncidentView(ctx, ctx.db, (await getPublicIncidentRow(ctx.db, row.id))!);
}
