import type { BulkResult } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/database.js';
import { notFound } from '../../../core/errors.js';
import type { By } from '../../directory/index.js';
import { requireRole, userIdOf } from '../alerts.policy.js';
import { getAlertsByIds, getGroupsByIds, lockServices } from '../alerts.repo.js';
import { AlertWorkspace } from '../ingest/workspace.js';

export type AlertChange = 'acknowledge' | 'resolve';

/**
 * Acknowledges or resolves alerts (one or many, all or nothing). Acknowledging an alert acknowledges
 * its group and so its page; a group resolves with its last open alert.
 *
 * @example
 * const { changed } = await changeAlerts(ctx, [alertId], 'acknowledge', actor);
 */
export async function changeAlerts(ctx: AppContext, ids: string[], change: AlertChange, by: By): Promise<BulkResult> {
  requireRole(by, 'responder', `${change} alerts`);
  const unique = [...new Set(ids)];
  return inWorkspace(
    ctx,
    async (trx) => {
      const found = await getAlertsByIds(trx, unique);
      requireAll('alert', unique, found);
      return found.map((a) => a.service_id);
    },
    async (ws, trx) => {
      const found = await getAlertsByIds(trx, unique);
      ws.track(found);
      const rows = inOrder(unique, found);
      const result: BulkResult = { changed: [], unchanged: [] };
      for (const row of rows) {
        const done =
          change === 'acknowledge'
            ? await ws.acknowledgeAlert(row, userIdOf(by))
            : await ws.resolveAlert(row, userIdOf(by));
        (done ? result.changed : result.unchanged).push(row.id);
      }
      return result;
    },
  );
}

/** Acknowledges or resolves alert groups with all their alerts; the group's page follows (a job). */
export async function changeGroups(ctx: AppContext, ids: string[], change: AlertChange, by: By): Promise<BulkResult> {
  requireRole(by, 'responder', `${change} alert groups`);
  return applyToGroups(ctx, ids, change, userIdOf(by));
}

/**
 * The group follows its page: someone acknowledged or resolved the page itself (from a notification,
 * the paging API). Also ends a flapping group that stayed quiet (`settle`).
 */
export async function followPage(
  ctx: AppContext,
  groupId: string,
  change: AlertChange,
  userId: string | null,
): Promise<void> {
  await applyToGroups(ctx, [groupId], change, userId);
}

/**
 * A flapping group held open ends once its alerts stayed resolved for the flap window: a job that
 * finds a more recent resolve (the alert flapped again meanwhile) comes back later instead.
 */
export async function settleFlappingGroup(ctx: AppContext, groupId: string, windowMs: number): Promise<void> {
  await inWorkspace(
    ctx,
    async (trx) => (await getGroupsByIds(trx, [groupId])).map((g) => g.service_id),
    async (ws, trx) => {
      const [group] = ws.trackGroups(await getGroupsByIds(trx, [groupId]));
      if (!group || group.status === 'resolved' || group.open_count > 0) return;
      const latest = await trx
        .selectFrom('alerts')
        .select((eb) => eb.fn.max<number | null>('resolved_at').as('at'))
        .where('group_id', '=', groupId)
        .executeTakeFirst();
      const quietUntil = Number(latest?.at ?? 0) + windowMs;
      if (quietUntil > ws.now) ws.settleLater(group, quietUntil, windowMs);
      else await ws.resolveGroup(group, null);
    },
  );
}

async function applyToGroups(
  ctx: AppContext,
  ids: string[],
  change: AlertChange,
  userId: string | null,
): Promise<BulkResult> {
  const unique = [...new Set(ids)];
  return inWorkspace(
    ctx,
    async (trx) => {
      const found = await getGroupsByIds(trx, unique);
      requireAll('alert group', unique, found);
      return found.map((g) => g.service_id);
    },
    async (ws, trx) => {
      const groups = inOrder(unique, ws.trackGroups(await getGroupsByIds(trx, unique)));
      const result: BulkResult = { changed: [], unchanged: [] };
      for (const group of groups) {
        const done =
          change === 'acknowledge' ? await ws.acknowledgeGroup(group, userId) : await ws.resolveGroup(group, userId);
        (done ? result.changed : result.unchanged).push(group.id);
      }
      return result;
    },
  );
}

/**
 * Runs a change in a transaction holding the services' alert lock (read the services, lock, then
 * read the rows again so nothing changed in between), and emits its events after commit.
 */
async function inWorkspace<T>(
  ctx: AppContext,
  servicesOf: (trx: Executor) => Promise<string[]>,
  apply: (ws: AlertWorkspace, trx: Executor) => Promise<T>,
): Promise<T> {
  let ws: AlertWorkspace | undefined;
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockServices(trx, ctx.dialect, await servicesOf(trx));
    ws = new AlertWorkspace(trx, ctx, ctx.clock.now());
    const value = await apply(ws, trx);
    await ws.flush();
    return value;
  });
  for (const emit of ws?.afterCommit ?? []) emit();
  return result;
}

/** Rows in the order their ids were given, so answers list ids as the caller sent them. */
export function inOrder<R extends { id: string }>(ids: string[], rows: R[]): R[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function requireAll(what: string, ids: string[], found: { id: string }[]): void {
  const missing = ids.find((id) => !found.some((f) => f.id === id));
  if (missing) throw notFound(what, missing);
}
