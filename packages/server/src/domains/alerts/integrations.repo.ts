import type { PageQuery } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import { keysetPage } from '../directory/pagination.js';
import type { AlertIntegrationsTable, IntegrationRow } from './alerts.model.js';

// Queries of alert integrations.

export const getIntegration = (ex: Executor, id: string) =>
  ex.selectFrom('alert_integrations').selectAll().where('id', '=', id).executeTakeFirst();

export const getIntegrationByKeyHash = (ex: Executor, keyHash: string) =>
  ex.selectFrom('alert_integrations').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();

export function listIntegrations(ex: Executor, page: PageQuery, filter: { serviceId?: string | undefined }) {
  let query = ex.selectFrom('alert_integrations').selectAll();
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  return keysetPage(query, 'id', page, (row) => row.id);
}

export const insertIntegration = (ex: Executor, row: AlertIntegrationsTable) =>
  ex.insertInto('alert_integrations').values(row).execute();

export const updateIntegration = (ex: Executor, id: string, changes: Partial<Omit<IntegrationRow, 'id'>>) =>
  ex.updateTable('alert_integrations').set(changes).where('id', '=', id).execute();

export const deleteIntegrationRow = (ex: Executor, id: string) =>
  ex.deleteFrom('alert_integrations').where('id', '=', id).execute();

export type IntegrationCounts = { alerts: number; useful: number; noisy: number; pages: number };

/** Alerts, feedback and pages per integration since `since`, for the noise ratio and pages per week. */
export async function integrationCounts(
  ex: Executor,
  ids: string[],
  since: number,
): Promise<Map<string, IntegrationCounts>> {
  const out = new Map<string, IntegrationCounts>(ids.map((id) => [id, { alerts: 0, useful: 0, noisy: 0, pages: 0 }]));
  if (ids.length === 0) return out;
  const alerts = await ex
    .selectFrom('alerts')
    .select((eb) => [
      'integration_id',
      eb.fn.countAll<number>().as('alerts'),
      eb.fn.sum<number>(eb.case().when('noise', '=', 'useful').then(1).else(0).end()).as('useful'),
      eb.fn.sum<number>(eb.case().when('noise', '=', 'noisy').then(1).else(0).end()).as('noisy'),
    ])
    .where('integration_id', 'in', ids)
    .where('created_at', '>=', since)
    .groupBy('integration_id')
    .execute();
  for (const row of alerts) {
    const counts = out.get(row.integration_id)!;
    counts.alerts = Number(row.alerts);
    counts.useful = Number(row.useful ?? 0);
    counts.noisy = Number(row.noisy ?? 0);
  }
  const pages = await ex
    .selectFrom('alert_groups')
    .select((eb) => ['integration_id', eb.fn.countAll<number>().as('pages')])
    .where('integration_id', 'in', ids)
    .where('page_id', 'is not', null)
    .where('created_at', '>=', since)
    .groupBy('integration_id')
    .execute();
  for (const row of pages) if (row.integration_id) out.get(row.integration_id)!.pages = Number(row.pages);
  return out;
}
