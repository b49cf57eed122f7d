import { type Executor, isConnectionError } from '../../../core/db/database.js';
import { newId } from '../../../core/ids.js';
import { isUniqueViolation } from '../../directory/db-errors.js';
import type { ChangeEventsTable } from '../alerts.model.js';
import { lockServices } from '../alerts.repo.js';
import type { InboundAlert, InboundChange } from '../inbound/event.js';
import { configOf, type IntegrationConfig } from '../integration-config.js';
import { AlertWorkspace, type CommitContext } from './workspace.js';

/** Which integration an item is for: the hash of the routing key it came with, or a known id. */
export type IngestTarget = { keyHash: string } | { integrationId: string };

/** One request's worth of events; an item is always committed whole, in one transaction. */
export type IngestItem =
  | { kind: 'alerts'; target: IngestTarget; alerts: InboundAlert[] }
  | { kind: 'change'; target: IngestTarget; change: InboundChange };

export type IngestOutcome =
  | { ok: true; integrationId: string; serviceId: string; alertIds: (string | null)[] }
  | { ok: false; reason: 'unknown_key' };

export const eventsIn = (item: IngestItem): number => (item.kind === 'alerts' ? Math.max(1, item.alerts.length) : 1);

const MAX_ATTEMPTS = 3;

/**
 * Commits items in one transaction and answers one outcome per item, in order. A race lost to
 * another process (a unique index, a deadlock) is retried from scratch with fresh state.
 *
 * @example
 * const [outcome] = await commitItems(ctx, [{ kind: 'alerts', target: { integrationId }, alerts: [alert] }]);
 */
export async function commitItems(ctx: CommitContext, items: IngestItem[]): Promise<IngestOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitOnce(ctx, items);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRaceLost(err)) throw err;
    }
  }
}

/** What became of one item: its outcome, or why it was not stored. */
export type ItemResult = { ok: true; outcome: IngestOutcome } | { ok: false; error: unknown };

/** What `commitEach` did: a result per item, how many transactions, and the failure that split it. */
export type Settled = { results: ItemResult[]; transactions: number; splitBecause?: unknown };

/**
 * Commits the items in one transaction; if that fails, each on its own, so that one bad item fails
 * alone and the others are stored.
 *
 * @example
 * const { results, splitBecause } = await commitEach(ctx, items);
 */
export async function commitEach(ctx: CommitContext, items: IngestItem[]): Promise<Settled> {
  try {
    const outcomes = await commitItems(ctx, items);
    return { results: outcomes.map((outcome) => ({ ok: true, outcome })), transactions: 1 };
  } catch (err) {
    if (items.length === 1 || isConnectionError(err)) {
      return { results: items.map(() => ({ ok: false, error: err })), transactions: 0 };
    }
    const results: ItemResult[] = [];
    for (const item of items) results.push(...(await commitEach(ctx, [item])).results);
    return { results, transactions: items.length, splitBecause: err };
  }
}

function isRaceLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return isUniqueViolation(err) || code === '40P01' || code === '40001';
}

async function commitOnce(ctx: CommitContext, items: IngestItem[]): Promise<IngestOutcome[]> {
  let workspace: AlertWorkspace | undefined;
  const { memory } = ctx;
  const outcomes = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await memory?.check(trx);
      const now = ctx.clock.now();
      const configs = await loadIntegrations(trx, items, memory?.integrations);
      const serviceIds = items.flatMap((item) => configs.get(targetKey(item.target))?.row.service_id ?? []);
      await lockServices(trx, ctx.dialect, serviceIds);
      const ws = new AlertWorkspace(trx, ctx, now, memory?.known);
      workspace = ws;
      const pairs: { config: IntegrationConfig; dedupKey: string }[] = [];
      for (const item of items) {
        const config = configs.get(targetKey(item.target));
        if (config && item.kind === 'alerts') for (const a of item.alerts) pairs.push({ config, dedupKey: a.dedupKey });
      }
      await ws.loadByKeys(pairs);
      const results: IngestOutcome[] = [];
      const changes: ChangeEventsTable[] = [];
      for (const item of items) {
        const config = configs.get(targetKey(item.target));
        if (!config) {
          results.push({ ok: false, reason: 'unknown_key' });
          continue;
        }
        const alertIds: (string | null)[] = [];
        if (item.kind === 'alerts') for (const a of item.alerts) alertIds.push(await ws.applyEvent(config, a));
        else changes.push(changeRow(config, item.change, now));
        results.push({ ok: true, integrationId: config.row.id, serviceId: config.row.service_id, alertIds });
      }
      await ws.flush();
      if (changes.length) await trx.insertInto('change_events').values(changes).execute();
      return results;
    })
    .catch((err: unknown) => {
      memory?.forget(); // rolled back: what it changed in memory never happened
      throw err;
    });
  if (workspace) {
    for (const emit of workspace.afterCommit) emit();
    if (workspace.created || workspace.updated) {
      const serviceIds = [...new Set(outcomes.flatMap((o) => (o.ok ? [o.serviceId] : [])))];
      ctx.events.emit('alerts.ingested', { created: workspace.created, updated: workspace.updated, serviceIds });
    }
  }
  return outcomes;
}

const targetKey = (target: IngestTarget) => ('keyHash' in target ? `k:${target.keyHash}` : `i:${target.integrationId}`);

/** The items' integrations, by `targetKey`; `known` (the ingest thread's memory) is used and filled. */
async function loadIntegrations(
  trx: Executor,
  items: IngestItem[],
  known = new Map<string, IntegrationConfig>(),
): Promise<Map<string, IntegrationConfig>> {
  const hashes = new Set<string>();
  const ids = new Set<string>();
  for (const item of items) {
    if (known.has(targetKey(item.target))) continue;
    if ('keyHash' in item.target) hashes.add(item.target.keyHash);
    else ids.add(item.target.integrationId);
  }
  if (hashes.size === 0 && ids.size === 0) return known;
  const rows = await trx
    .selectFrom('alert_integrations')
    .selectAll()
    .where((eb) => {
      const any = [];
      if (hashes.size) any.push(eb('key_hash', 'in', [...hashes]));
      if (ids.size) any.push(eb('id', 'in', [...ids]));
      return eb.or(any);
    })
    .execute();
  for (const row of rows) {
    const config = configOf(row);
    known.set(`k:${row.key_hash}`, config);
    known.set(`i:${row.id}`, config);
  }
  return known;
}

function changeRow(config: IntegrationConfig, change: InboundChange, now: number): ChangeEventsTable {
  return {
    id: newId(),
    service_id: config.row.service_id,
    integration_id: config.row.id,
    summary: change.summary,
    source: change.source,
    details: change.details,
    links: JSON.stringify(change.links),
    occurred_at: change.occurredAt ?? now,
    received_at: now,
  };
}
