import type { InternalStatus } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { getVisibleIncident, incidentDetail, listIncidents, type Viewer } from '../incidents/index.js';
import { getPublicIncidentByIncident } from './incidents.repo.js';
import { loadSettings, pageUrl } from './settings.service.js';

type ListQuery = Parameters<typeof listIncidents>[2];

/**
 * The internal status page for signed-in stakeholders: every active incident they may see, with
 * its latest stakeholder update and nothing of the war room (no timeline, notes or decisions).
 */
export async function internalStatus(ctx: AppContext, viewer: Viewer): Promise<InternalStatus> {
  const query = { status: ['investigating', 'identified', 'monitoring'], limit: 100 } as ListQuery;
  const { items } = await listIncidents(ctx, viewer, query);
  const settings = await loadSettings(ctx.db, ctx);
  const incidents = await Promise.all(
    items.map(async (summary) => {
      const detail = await incidentDetail(ctx, await getVisibleIncident(ctx, viewer, summary.id), viewer);
      const latest = detail.updates.find((u) => u.audience === 'stakeholders') ?? null;
      const published = await getPublicIncidentByIncident(ctx.db, summary.id);
      return {
        id: summary.id,
        number: summary.number,
        title: summary.title,
        status: summary.status,
        severity: summary.severity?.name ?? null,
        services: summary.services.map((s) => s.name),
        declaredAt: summary.declaredAt,
        latestUpdate: latest
          ? {
              postedAt: latest.postedAt,
              currentStatus: latest.currentStatus,
              impact: latest.impact,
              nextUpdateAt: latest.nextUpdateAt,
            }
          : null,
        publicPageUrl: published && !summary.private ? `${pageUrl(ctx, settings)}/incidents/${published.id}` : null,
      };
    }),
  );
  return { incidents, generatedAt: toIso(ctx.clock.now()) };
}
