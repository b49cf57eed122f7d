import {
  type ComponentChange,
  type ComponentStatus,
  type PublicIncident,
  PublicUpdateInput,
  type PublicUpdatePreview,
} from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { conflict, invalidField, notFound } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { getComponentRows } from '../components.repo.js';
import { countInterestedSubscribers } from '../delivery/audience.js';
import { updateEmail } from '../delivery/messages.js';
import {
  getPublicIncidentRow,
  insertPublicUpdate,
  listAffectedComponentRows,
  replaceAffectedComponents,
  updatePublicIncidentRow,
} from '../incidents.repo.js';
import { renderUpdateBody } from '../public/html.js';
import { loadSettings, pageUrl } from '../settings.service.js';
import type { PublicIncidentRow } from '../statuspage.model.js';
import { type Editor, requireMay } from '../statuspage.policy.js';
import { publicIncidentView } from '../statuspage.service.js';
import { parse, requireComponents } from './inputs.js';
import { changePage } from './page-change.js';
import { recordOnTimeline } from './timeline-link.js';

/**
 * Posts a public update: plain-language text, optionally a new status, impact and component
 * statuses. It is recorded on the incident's timeline as a `public` status update (which resets
 * the update cadence) and sent to subscribers of the affected components.
 */
export async function postPublicUpdate(
  ctx: AppContext,
  by: Editor,
  id: string,
  input: PublicUpdateInput,
): Promise<PublicIncident> {
  requireMay(by, 'communicate', 'post public updates');
  const data = parse(PublicUpdateInput, input);
  if (data.nextUpdateAt && Date.parse(data.nextUpdateAt) <= ctx.clock.now()) {
    throw invalidField('nextUpdateAt', 'must be in the future');
  }
  const { row, updateId } = await changePage(ctx, 'public update', async (c) => {
    const row = await openIncident(c.trx, id);
    const affected = await nextAffected(c.trx, row.id, data.components);
    const status = data.status ?? row.status;
    await updatePublicIncidentRow(c.trx, row.id, {
      status,
      impact: data.impact ?? row.impact,
      monitoring_at: status === 'monitoring' && !row.monitoring_at ? c.now : row.monitoring_at,
      updated_at: c.now,
    });
    let changes: ComponentChange[] = [];
    if (data.components) {
      await replaceAffectedComponents(
        c.trx,
        row.id,
        [...affected].map(([component_id, s]) => ({ component_id, status: s })),
      );
      changes = await c.setComponentStatuses(new Map(data.components.map((a) => [a.componentId, a.status])));
    }
    const updateId = newId();
    await insertPublicUpdate(c.trx, {
      id: updateId,
      status_incident_id: row.id,
      status,
      body: data.body,
      component_changes: JSON.stringify(changes),
      incident_update_id: null,
      posted_by: by.userId,
      created_at: c.now,
    });
    await c.notifySubscribers(`update:${updateId}`);
    c.emit('statuspage.update_posted', { statusIncidentId: row.id, updateId });
    return { row: { ...row, status, updated_at: c.now }, updateId };
  });
  await recordOnTimeline(ctx, by, row.incident_id, updateId, data.body, data.nextUpdateAt);
  return publicIncidentView(ctx, ctx.db, (await getPublicIncidentRow(ctx.db, row.id))!);
}

/** The update as the page and an email will show it, what it would change and whom it would reach; nothing is written. */
export async function previewPublicUpdate(
  ctx: AppContext,
  by: Editor,
  id: string,
  input: PublicUpdateInput,
): Promise<PublicUpdatePreview> {
  requireMay(by, 'communicate', 'post public updates');
  const data = parse(PublicUpdateInput, input);
  const row = await openIncident(ctx.db, id);
  const affected = await nextAffected(ctx.db, row.id, data.components);
  const rows = await getComponentRows(ctx.db, [...affected.keys()]);
  const componentChanges: ComponentChange[] = rows.flatMap((r) => {
    const next = data.components?.find((a) => a.componentId === r.id)?.status;
    return next && next !== r.status ? [{ componentId: r.id, name: r.name, oldStatus: r.status, newStatus: next }] : [];
  });
  const settings = await loadSettings(ctx.db, ctx);
  const status = data.status ?? row.status;
  const email = updateEmail({
    pageName: settings.name,
    pageUrl: pageUrl(ctx, settings),
    incident: { ...row, status },
    update: { status, body: data.body, created_at: ctx.clock.now() },
    zone: settings.time_zone,
    unsubscribeUrl: '(your unsubscribe link)',
  });
  return {
    html: renderUpdateBody(data.body),
    text: email.text,
    componentChanges,
    subscribers: await countInterestedSubscribers(ctx.db, [...affected.keys()]),
  };
}

async function openIncident(ex: Executor, id: string): Promise<PublicIncidentRow> {
  const row = await getPublicIncidentRow(ex, id);
  if (row?.kind !== 'incident') throw notFound('public incident', id);
  if (row.status === 'resolved') throw conflict('public_incident_resolved', 'This public incident is resolved.');
  return row;
}

/** The affected components after the update: the current ones, with the given statuses added or changed. */
async function nextAffected(
  ex: Executor,
  statusIncidentId: string,
  given: { componentId: string; status: ComponentStatus }[] | undefined,
): Promise<Map<string, ComponentStatus>> {
  const current = await listAffectedComponentRows(ex, [statusIncidentId]);
  const map = new Map(current.map((c) => [c.component_id, c.status]));
  if (given) {
    await requireComponents(
      ex,
      given.map((g) => g.componentId),
    );
    for (const g of given) map.set(g.componentId, g.status);
  }
  return map;
}
