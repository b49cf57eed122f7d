import { BUILT_IN_INCIDENT_ROLES, formatIncidentNumber } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/database.js';
import type { IncidentRow, TimelineRow } from '../incidents/incidents.model.js';
import { getIncidentRow } from '../incidents/incidents.repo.js';
import { summarizeOne } from '../incidents/incidents.service.js';

export { listSeverityRows as listSeverities } from '../incidents/severities.repo.js';

import { personNames } from '../incidents/lookups.js';
import { activeRoles } from '../incidents/roles.repo.js';
import '../paging/paging.model.js';

// Read-only views of the incidents domain's data that chat messages are made from. Chat never
// writes these tables: every change goes through an incidents command.

export type IncidentFacts = {
  id: string;
  number: string;
  title: string;
  status: string;
  severity: { key: string; name: string } | null;
  private: boolean;
  summary: string;
  impact: string;
  commander: string | null;
  roles: { role: string; name: string }[];
  services: string[];
  nextUpdateDueAt: number | null;
  url: string;
};

const roleName = (key: string) => BUILT_IN_INCIDENT_ROLES.find((r) => r.key === key)?.name ?? key.replace(/_/g, ' ');

export const incidentUrl = (ctx: Pick<AppContext, 'config'>, row: Pick<IncidentRow, 'number'>) =>
  `${ctx.config.publicUrl}/incidents/${row.number}`;

export async function incidentFacts(ctx: AppContext, incidentId: string): Promise<IncidentFacts | undefined> {
  const row = await getIncidentRow(ctx.db, incidentId);
  if (!row) return undefined;
  const [summary, roles] = await Promise.all([summarizeOne(ctx.db, row, ctx.clock.now()), activeRoles(ctx.db, row.id)]);
  const names = await personNames(
    ctx.db,
    roles.map((r) => r.user_id),
  );
  return {
    id: row.id,
    number: formatIncidentNumber(row.number),
    title: row.title,
    status: row.status,
    severity: summary.severity ? { key: summary.severity.key, name: summary.severity.name } : null,
    private: row.private === 1,
    summary: row.summary,
    impact: row.impact,
    commander: summary.commander?.name ?? null,
    roles: roles.map((r) => ({ role: roleName(r.role), name: names.get(r.user_id)?.name ?? 'Unknown person' })),
    services: summary.services.map((s) => s.name),
    nextUpdateDueAt: row.next_update_due_at,
    url: incidentUrl(ctx, row),
  };
}

/** Role holders and everyone the incident's pages reached: the people a war room invites. */
export async function participantIds(ex: Executor, incidentId: string): Promise<string[]> {
  const [roles, paged] = await Promise.all([
    activeRoles(ex, incidentId),
    ex
      .selectFrom('page_recipients as r')
      .innerJoin('pages as p', 'p.id', 'r.page_id')
      .select('r.user_id')
      .where('p.incident_id', '=', incidentId)
      .execute(),
  ]);
  return [...new Set([...roles.map((r) => r.user_id), ...paged.map((p) => p.user_id)])];
}

/** Timeline kinds the war room hears about as they happen (the summary covers the declaration). */
export const RELAYED_KINDS = [
  'role_assigned',
  'role_relieved',
  'severity_changed',
  'status_changed',
  'decision',
  'status_update',
] as const;

/**
 * Entries written after the cursor, in the order they were recorded (`recorded_at`, then id). By
 * recording time, not `happened_at`: a decision noted after the fact is still news to the room.
 */
export function relayEntries(
  ex: Executor,
  incidentId: string,
  cursor: { recordedAt: number; entryId: string },
  limit: number,
): Promise<TimelineRow[]> {
  return ex
    .selectFrom('timeline_entries')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', [...RELAYED_KINDS])
    .where((eb) =>
      eb.or([
        eb('recorded_at', '>', cursor.recordedAt),
        eb.and([eb('recorded_at', '=', cursor.recordedAt), eb('id', '>', cursor.entryId)]),
      ]),
    )
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Services for the declare modal (Slack shows at most 100 options). */
export const listServiceOptions = (ex: Executor) =>
  ex.selectFrom('services').select(['id', 'name']).orderBy('name').limit(100).execute();
