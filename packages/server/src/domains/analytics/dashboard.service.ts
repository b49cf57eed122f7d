import { type Dashboard, formatIncidentNumber } from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import type { Viewer } from '../incidents/index.js';
import { onCallAt } from '../oncall/index.js';
import {
  listActiveIncidents,
  listMyActionItemsDue,
  listMyOpenPages,
  listPostmortemsDue,
  listTeamSchedules,
  namesOf,
} from './dashboard.repo.js';
import { keyFigures } from './figures.service.js';
import { monthStarts, sameTimeLastMonth } from './local-time.js';
import { readFigures } from './read.js';
import { DAY_MS, type Scope, withRange } from './scope.js';

const DUE_HORIZON_MS = 7 * DAY_MS;
const HANDOFF_HORIZON_MS = 30 * DAY_MS;

/** Everything the home page shows, for one person, in one answer. */
export async function dashboardFor(ctx: AppContext, viewer: Viewer, scope: Scope): Promise<Dashboard> {
  const now = ctx.clock.now();
  const horizon = now + DUE_HORIZON_MS;
  const { thisMonth, lastMonth } = monthStarts(now, scope.zone);
  const lastMonthTo = Math.max(lastMonth + 1, sameTimeLastMonth(now, scope.zone));
  const [active, pages, onCall, postmortems, actionItems, current, previous] = await Promise.all([
    listActiveIncidents(ctx.db, viewer),
    listMyOpenPages(ctx.db, viewer.userId),
    onCallByTeam(ctx, now),
    listPostmortemsDue(ctx.db, viewer, horizon),
    listMyActionItemsDue(ctx.db, viewer.userId, horizon),
    readFigures(ctx, (ex) => keyFigures(ex, withRange(scope, thisMonth, now))),
    readFigures(ctx, (ex) => keyFigures(ex, withRange(scope, lastMonth, lastMonthTo))),
  ]);

  const activeIncidents = active.map((i) => ({
    id: i.id,
    number: formatIncidentNumber(i.number),
    title: i.title,
    status: i.status,
    severity:
      i.severity_key != null
        ? { key: i.severity_key, name: i.severity_name!, rank: i.severity_rank!, urgency: i.severity_urgency! }
        : null,
    private: i.private === 1,
    commander: i.commander_id ? { id: i.commander_id, name: i.commander_name! } : null,
    declaredAt: toIsoOrNull(i.declared_at),
    nextUpdateDueAt: toIsoOrNull(i.next_update_due_at),
    updateOverdue: i.next_update_due_at != null && now >= i.next_update_due_at,
  }));
  const bySeverity = new Map<string, Dashboard['activeBySeverity'][number]>();
  for (const s of scope.severities)
    bySeverity.set(s.key, { severity: s.key, name: s.name, rank: s.rank, count: 0, overdue: 0 });
  for (const i of activeIncidents) {
    const entry = i.severity && bySeverity.get(i.severity.key);
    if (!entry) continue;
    entry.count++;
    if (i.updateOverdue) entry.overdue++;
  }

  const postmortemsDue = postmortems.map((p) => ({
    id: p.id,
    title: p.title,
    incidentNumber: formatIncidentNumber(p.number),
    status: p.status,
    owner: p.owner_id ? { id: p.owner_id, name: p.owner_name! } : null,
    dueAt: toIso(p.due),
    overdue: p.due <= now,
  }));

  return {
    now: toIso(now),
    activeIncidents,
    activeBySeverity: [...bySeverity.values()],
    myPages: pages.map((p) => ({
      id: p.id,
      summary: p.summary,
      status: p.status,
      urgency: p.urgency,
      incidentId: p.incident_id,
      createdAt: toIso(p.created_at),
    })),
    onCall,
    postmortemsDue,
    actionItemsDue: actionItems.map((a) => ({
      id: a.id,
      title: a.title,
      incidentNumber: formatIncidentNumber(a.number),
      status: a.status,
      dueAt: toIso(a.due_at!),
      overdue: a.due_at! <= now,
    })),
    figures: { current, previous },
  };
}

/** Who is on call now in each team's schedules, through the on-call domain's resolver. */
async function onCallByTeam(ctx: AppContext, now: number): Promise<Dashboard['onCall']> {
  const schedules = await listTeamSchedules(ctx.db);
  if (schedules.length === 0) return [];
  const answers = await onCallAt(
    ctx,
    schedules.map((s) => s.id),
    now,
  );
  const names = await namesOf(ctx.db, [...new Set(answers.flatMap((a) => (a.stretch ? [a.stretch.userId] : [])))]);
  const teams = new Map<string, Dashboard['onCall'][number]>();
  for (const s of schedules) {
    if (!teams.has(s.team_id)) teams.set(s.team_id, { team: { id: s.team_id, name: s.team_name }, people: [] });
    const stretch = answers.find((a) => a.schedule.id === s.id)?.stretch;
    if (!stretch) continue;
    teams.get(s.team_id)!.people.push({
      user: { id: stretch.userId, name: names.get(stretch.userId) ?? 'Unknown person' },
      schedule: { id: s.id, name: s.name },
      // The resolver looks a few weeks ahead: a stretch reaching its edge has no handoff in sight.
      until: stretch.end - now <= HANDOFF_HORIZON_MS ? toIso(stretch.end) : null,
    });
  }
  return [...teams.values()];
}
