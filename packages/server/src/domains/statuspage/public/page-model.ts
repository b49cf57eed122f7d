import { createHash } from 'node:crypto';
import { type ComponentStatus, worstComponentStatus } from '@firebreak/shared';
import { DateTime } from 'luxon';
import type { AppContext } from '../../../core/context.js';
import { componentServiceIds, listComponentRows, listGroupRows, listHistorySince } from '../components.repo.js';
import { listAffectedComponentRows, listPublicIncidentRows, listPublicUpdateRows } from '../incidents.repo.js';
import { listPublishedReports } from '../reports.repo.js';
import { loadSettings, pageUrl } from '../settings.service.js';
import type {
  ComponentRow,
  GroupRow,
  PublicIncidentRow,
  PublicUpdateRow,
  ReportRow,
  SettingsRow,
} from '../statuspage.model.js';
import { type Uptime, uptimeBars } from './uptime.js';

// Everything the public surfaces show, read from the database in one go. Every page, feed, badge
// and JSON document is rendered from this model alone, so none of them can show what another
// leaves out (private incidents are filtered in the one query that lists public incidents).

export const UPTIME_DAYS = 90;

export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export type IncidentModel = {
  row: PublicIncidentRow;
  components: { componentId: string; status: ComponentStatus }[];
  /** Newest first. */
  updates: PublicUpdateRow[];
  report: ReportRow | null;
  url: string;
};

export type PageModel = {
  pageId: string;
  builtAt: number;
  /** The latest change to anything shown: Last-Modified. */
  updatedAt: number;
  settings: SettingsRow;
  url: string;
  groups: GroupRow[];
  components: ComponentRow[];
  serviceIds: Map<string, string[]>;
  uptime: Map<string, Uptime>;
  /** Incidents and maintenance, newest first. */
  incidents: IncidentModel[];
  /** Internal incidents behind public ones: a change to one of them may change the page. */
  linkedIncidentIds: Set<string>;
  overall: { indicator: Indicator; description: string };
};

export const isOpenIncident = (i: IncidentModel) => i.row.kind === 'incident' && i.row.status !== 'resolved';
export const isActiveMaintenance = (i: IncidentModel) =>
  i.row.kind === 'maintenance' && (i.row.status === 'in_progress' || i.row.status === 'verifying');
export const isUpcomingMaintenance = (i: IncidentModel) => i.row.kind === 'maintenance' && i.row.status === 'scheduled';

export async function buildPageModel(ctx: AppContext): Promise<PageModel> {
  const now = ctx.clock.now();
  const windowStart = now - (UPTIME_DAYS + 1) * 86_400_000;
  const [settings, groups, components, serviceIds, history, incidents, affected, updates, reports] = await Promise.all([
    loadSettings(ctx.db, ctx),
    listGroupRows(ctx.db),
    listComponentRows(ctx.db),
    componentServiceIds(ctx.db),
    listHistorySince(ctx.db, windowStart),
    listPublicIncidentRows(ctx.db),
    listAffectedComponentRows(ctx.db),
    listPublicUpdateRows(ctx.db),
    listPublishedReports(ctx.db),
  ]);
  const url = pageUrl(ctx, settings);
  const incidentModels: IncidentModel[] = incidents.map((row) => ({
    row,
    components: affected
      .filter((a) => a.status_incident_id === row.id)
      .map((a) => ({ componentId: a.component_id, status: a.status })),
    updates: updates.filter((u) => u.status_incident_id === row.id),
    report: reports.find((r) => r.status_incident_id === row.id) ?? null,
    url: `${url}/incidents/${row.id}`,
  }));
  const uptime = new Map<string, Uptime>();
  for (const c of components) {
    const since = c.start_date ? DateTime.fromISO(c.start_date, { zone: settings.time_zone }).toMillis() : c.created_at;
    uptime.set(
      c.id,
      uptimeBars(
        history.filter((h) => h.component_id === c.id),
        { now, zone: settings.time_zone, days: UPTIME_DAYS, since },
      ),
    );
  }
  const updatedAt = Math.max(
    settings.updated_at,
    ...groups.map((g) => g.updated_at),
    ...components.map((c) => c.updated_at),
    ...incidents.map((i) => i.updated_at),
    ...reports.map((r) => r.updated_at),
    0,
  );
  return {
    pageId: createHash('sha256').update(ctx.config.publicUrl).digest('hex').slice(0, 12),
    builtAt: now,
    updatedAt: updatedAt || now,
    settings,
    url,
    groups,
    components,
    serviceIds,
    uptime,
    incidents: incidentModels,
    linkedIncidentIds: new Set(incidents.flatMap((i) => (i.incident_id ? [i.incident_id] : []))),
    overall: overallStatus(
      components.map((c) => c.status),
      incidentModels.filter(isOpenIncident).map((i) => i.row.impact),
      incidentModels.some(isActiveMaintenance),
    ),
  };
}

const IMPACT_RANK: Indicator[] = ['none', 'minor', 'major', 'critical'];
const DESCRIPTIONS: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};
const BY_COMPONENT: Record<ComponentStatus, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/**
 * The page's rollup, as Statuspage computes it: the worst of the components and of the open
 * incidents' impact; maintenance shows only when nothing is worse.
 */
export function overallStatus(
  components: ComponentStatus[],
  openImpacts: string[],
  maintenanceRunning: boolean,
): { indicator: Indicator; description: string } {
  const fromComponents = BY_COMPONENT[worstComponentStatus(components)];
  const ranks = [
    fromComponents === 'maintenance' ? 0 : IMPACT_RANK.indexOf(fromComponents),
    ...openImpacts.map((i) => Math.max(0, IMPACT_RANK.indexOf(i as Indicator))),
  ];
  const worst = IMPACT_RANK[Math.max(...ranks)]!;
  const indicator: Indicator =
    worst === 'none' && (fromComponents === 'maintenance' || maintenanceRunning) ? 'maintenance' : worst;
  return { indicator, description: DESCRIPTIONS[indicator] };
}
