import type {
  EscalationPolicy,
  OnCallEntry,
  Schedule,
  ScheduleLayer,
  ScheduleOverride,
  ScheduleShift,
  ShiftSwap,
} from '@firebreak/shared';
import { toIso, toIsoOrNull } from '../../core/clock.js';
import type { Executor } from '../../core/db/database.js';
import type { Level, PolicyRow, Target } from './escalation.repo.js';
import type { EngineRestriction, FinalShift, LayerShift } from './schedule.engine.js';
import type { LayerRow, OverrideRow, ScheduleRow, SwapRow } from './schedule.repo.js';

// What leaves the server: explicit whitelists, so a new column never leaks by accident.

/** Display names by user id; unknown ids show as themselves. */
export type Names = Map<string, string>;
const ref = (names: Names, id: string) => ({ id, name: names.get(id) ?? id });

export function presentLayer(row: LayerRow): ScheduleLayer {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    participants: JSON.parse(row.participants) as string[],
    rotation: { unit: row.rotation_unit, every: row.rotation_every },
    handoffTime: row.handoff_time,
    timeZone: row.time_zone,
    startDate: row.start_date,
    restrictions: JSON.parse(row.restrictions) as EngineRestriction[],
  };
}

export function presentSchedule(row: ScheduleRow, layers: LayerRow[]): Schedule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.team_id,
    timeZone: row.time_zone,
    layers: layers.filter((l) => l.schedule_id === row.id).map(presentLayer),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentShift(shift: FinalShift | LayerShift, names: Names): ScheduleShift {
  return {
    start: toIso(shift.start),
    end: toIso(shift.end),
    user: ref(names, shift.userId),
    layerId: shift.layerId,
    overrideId: 'overrideId' in shift ? shift.overrideId : null,
  };
}

export function presentOverride(row: OverrideRow, names: Names): ScheduleOverride {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    kind: row.kind,
    user: ref(names, row.user_id),
    replacedUser: row.replaced_user_id ? ref(names, row.replaced_user_id) : null,
    start: toIso(row.start_at),
    end: toIso(row.end_at),
    reason: row.reason,
    swapId: row.swap_id,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

export function presentSwap(row: SwapRow, names: Names): ShiftSwap {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    status: row.status,
    proposedBy: ref(names, row.proposed_by),
    proposerShift: { start: toIso(row.proposer_shift_start), end: toIso(row.proposer_shift_end) },
    counterpart: ref(names, row.counterpart_id),
    counterpartShift: { start: toIso(row.counterpart_shift_start), end: toIso(row.counterpart_shift_end) },
    message: row.message,
    createdAt: toIso(row.created_at),
    decidedAt: toIsoOrNull(row.decided_at),
  };
}

/** Names of every user, schedule and team a set of targets mentions. */
export async function targetNames(ex: Executor, targets: Target[]): Promise<Map<string, string>> {
  const of = (kind: Target['kind']) => [...new Set(targets.filter((t) => t.kind === kind).map((t) => t.id))];
  const names = new Map<string, string>();
  const load = async (table: 'users' | 'schedules' | 'teams', ids: string[]) => {
    if (ids.length === 0) return;
    for (const r of await ex.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute()) {
      names.set(`${table}:${r.id}`, r.name);
    }
  };
  await Promise.all([load('users', of('user')), load('schedules', of('schedule')), load('teams', of('team'))]);
  return names;
}

const TABLE_OF = { user: 'users', schedule: 'schedules', team: 'teams' } as const;

export function presentPolicy(
  row: PolicyRow,
  levels: Level[],
  serviceIds: string[],
  names: Map<string, string>,
): EscalationPolicy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    teamId: row.team_id,
    repeat: row.repeat_count,
    levels: levels.map((l) => ({
      index: l.index,
      name: l.name,
      delayMinutes: l.delayMinutes,
      targets: l.targets.map((t) => ({
        kind: t.kind,
        id: t.id,
        name: names.get(`${TABLE_OF[t.kind]}:${t.id}`) ?? t.id,
      })),
    })),
    serviceIds,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentOnCall(
  entry: {
    userId: string;
    schedule: { id: string; name: string } | null;
    policy: { id: string; name: string } | null;
    level: number | null;
    start: number | null;
    end: number | null;
    overrideId: string | null;
  },
  names: Names,
): OnCallEntry {
  return {
    user: ref(names, entry.userId),
    schedule: entry.schedule,
    policy: entry.policy,
    level: entry.level,
    start: toIsoOrNull(entry.start),
    end: toIsoOrNull(entry.end),
    overrideId: entry.overrideId,
  };
}
