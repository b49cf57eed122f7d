import type { Integration, PageQuery } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { presentIntegration } from './alerts.presenter.js';
import { getIntegration, integrationCounts, listIntegrations } from './integrations.repo.js';

const STATS_DAYS = 28;

/** One integration as the API shows it, with its noise ratio and pages per week. */
export async function integrationView(ctx: AppContext, id: string): Promise<Integration> {
  const row = await getIntegration(ctx.db, id);
  if (!row) throw notFound('integration', id);
  const counts = await integrationCounts(ctx.db, [id], ctx.clock.now() - STATS_DAYS * 86_400_000);
  return presentIntegration(row, counts.get(id), ctx.config.publicUrl);
}

export async function integrationPage(ctx: AppContext, page: PageQuery, filter: { serviceId?: string | undefined }) {
  const result = await listIntegrations(ctx.db, page, filter);
  const counts = await integrationCounts(
    ctx.db,
    result.items.map((r) => r.id),
    ctx.clock.now() - STATS_DAYS * 86_400_000,
  );
  return {
    items: result.items.map((row) => presentIntegration(row, counts.get(row.id), ctx.config.publicUrl)),
    nextCursor: result.nextCursor,
  };
}
