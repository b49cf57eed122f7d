import type { AlertDetail, AlertGroup, AlertGroupDetail, AlertGroupListQuery, AlertListQuery } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { AlertGroupRow } from './alerts.model.js';
import { presentAlert, presentEvent, presentGroup } from './alerts.presenter.js';
import { getAlert, getGroup, listAlerts, listEventsOfAlert, listGroups, userNames } from './alerts.repo.js';

// Reads of alerts and groups as the API shows them.

export async function alertDetail(ctx: AppContext, id: string): Promise<AlertDetail> {
  const row = await getAlert(ctx.db, id);
  if (!row) throw notFound('alert', id);
  const events = await listEventsOfAlert(ctx.db, id);
  return { ...presentAlert(row), events: events.map(presentEvent) };
}

export async function alertPage(ctx: AppContext, query: AlertListQuery) {
  const { limit, cursor, ...filter } = query;
  const page = await listAlerts(ctx.db, filter, { limit, cursor });
  return { items: page.items.map(presentAlert), nextCursor: page.nextCursor };
}

export async function groupViews(ctx: AppContext, rows: AlertGroupRow[]): Promise<AlertGroup[]> {
  const names = await userNames(
    ctx.db,
    rows.flatMap((r) => [r.acknowledged_by, r.resolved_by]),
  );
  return rows.map((r) => presentGroup(r, names));
}

export async function groupView(ctx: AppContext, id: string): Promise<AlertGroup> {
  const row = await getGroup(ctx.db, id);
  if (!row) throw notFound('alert group', id);
  return (await groupViews(ctx, [row]))[0]!;
}

export async function groupDetail(ctx: AppContext, id: string): Promise<AlertGroupDetail> {
  const group = await groupView(ctx, id);
  const alerts = await listAlerts(ctx.db, { groupId: id }, { limit: 200 });
  return { ...group, alerts: alerts.items.map(presentAlert) };
}

export async function groupPage(ctx: AppContext, query: AlertGroupListQuery) {
  const { limit, cursor, ...filter } = query;
  const page = await listGroups(ctx.db, filter, { limit, cursor });
  return { items: await groupViews(ctx, page.items), nextCursor: page.nextCursor };
}
