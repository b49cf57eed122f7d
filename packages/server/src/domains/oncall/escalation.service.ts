import type { PolicyWarning } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { type Level, listLevels, type PolicyRow, type Target } from './escalation.repo.js';
import { COVERAGE_HORIZON_MS } from './oncall.model.js';
import { coverageGaps } from './schedule.engine.js';
import { listScheduleIdsOfTeams } from './schedule.repo.js';
import { FRESH_MS, loadSchedules, onCallAt, resolveLoaded, scheduleIdsOfTeams } from './schedule.service.js';

// Escalation policies as the paging domain reads them.

// Policies and service mappings are cached like schedules (see schedule.service.ts): dropped by
// this process's own commands at once, re-checked against the database after FRESH_MS.

type PolicyEntry = { version: number; checkedAt: number; policy: PolicyRow; levels: Level[] };
type Caches = { policies: Map<string, PolicyEntry>; services: Map<string, { at: number; policyId: string | null }> };
const caches = new WeakMap<object, Caches>();

function cachesOf(ctx: AppContext): Caches {
  let c = caches.get(ctx.db);
  if (!c) {
    c = { policies: new Map(), services: new Map() };
    caches.set(ctx.db, c);
  }
  return c;
}

/** After a committed change to a policy or a service's mapping: forget cached copies, tell others. */
export function policyChanged(ctx: AppContext, policyId: string): void {
  const c = cachesOf(ctx);
  c.policies.delete(policyId);
  c.services.clear();
  ctx.events.emit('oncall.policy_changed', { policyId });
}

/** A policy with its levels, from memory while fresh and unchanged. */
export async function getPolicyWithLevels(ctx: AppContext, policyId: string): Promise<PolicyEntry | null> {
  const { policies } = cachesOf(ctx);
  const now = ctx.clock.now();
  const cached = policies.get(policyId);
  if (cached && now - cached.checkedAt < FRESH_MS) return cached;
  const policy = await ctx.db
    .selectFrom('escalation_policies')
    .selectAll()
    .where('id', '=', policyId)
    .executeTakeFirst();
  if (!policy) {
    policies.delete(policyId);
    return null;
  }
  if (cached && cached.version === policy.version) {
    cached.checkedAt = now;
    return cached;
  }
  const levels = (await listLevels(ctx.db, [policyId])).get(policyId) ?? [];
  const entry = { version: policy.version, checkedAt: now, policy, levels };
  policies.set(policyId, entry);
  return entry;
}

/** Which level runs at 0-based step `levelIndex`, counting repeats; null past the last repeat. */
export function levelAtStep(levels: readonly Level[], repeat: number, levelIndex: number): Level | null {
  if (levels.length === 0 || levelIndex < 0 || levelIndex >= levels.length * (repeat + 1)) return null;
  return levels[levelIndex % levels.length] ?? null;
}

export type ResolvedTarget = {
  target: Target;
  userId: string;
  schedule: { id: string; name: string } | null;
  start: number | null;
  end: number | null;
  overrideId: string | null;
};

/** Every person a level's targets reach at `at`, with how they were reached. */
export async function resolveTargets(
  ctx: AppContext,
  targets: readonly Target[],
  at: number,
): Promise<ResolvedTarget[]> {
  const out: ResolvedTarget[] = [];
  const teamIds = targets.filter((t) => t.kind === 'team').map((t) => t.id);
  const teamSchedules = await scheduleIdsOfTeams(ctx, teamIds);
  const scheduleIds = [
    ...new Set([...targets.filter((t) => t.kind === 'schedule').map((t) => t.id), ...teamSchedules.map((s) => s.id)]),
  ];
  const now = new Map((await onCallAt(ctx, scheduleIds, at)).map((o) => [o.schedule.id, o]));
  const fromSchedule = (target: Target, scheduleId: string) => {
    const found = now.get(scheduleId);
    const stretch = found?.stretch;
    if (found && stretch) {
      const schedule = { id: found.schedule.id, name: found.schedule.name };
      out.push({
        target,
        userId: stretch.userId,
        schedule,
        start: stretch.start,
        end: stretch.end,
        overrideId: stretch.overrideId,
      });
    }
  };
  for (const target of targets) {
    if (target.kind === 'user')
      out.push({ target, userId: target.id, schedule: null, start: null, end: null, overrideId: null });
    else if (target.kind === 'schedule') fromSchedule(target, target.id);
    else for (const s of teamSchedules.filter((s) => s.team_id === target.id)) fromSchedule(target, s.id);
  }
  return out;
}

/**
 * The people to page at escalation step `levelIndex` (0-based, counting repeats: with 2 levels and
 * `repeat: 1`, steps 0–3 are levels 1, 2, 1, 2) at instant `at`. Deduplicated, in target order;
 * empty when the step is past the last repeat or nobody is on call.
 *
 * @example
 * const userIds = await resolveEscalationLevel(ctx, policyId, 0, ctx.clock.now());
 */
export async function resolveEscalationLevel(
  ctx: AppContext,
  policyId: string,
  levelIndex: number,
  at: number,
): Promise<string[]> {
  const entry = await getPolicyWithLevels(ctx, policyId);
  if (!entry) throw notFound('escalation policy', policyId);
  const level = levelAtStep(entry.levels, entry.policy.repeat_count, levelIndex);
  if (!level) return [];
  return [...new Set((await resolveTargets(ctx, level.targets, at)).map((r) => r.userId))];
}

/** The escalation policy a service pages through, or null. */
export async function policyIdOfService(ctx: AppContext, serviceId: string): Promise<string | null> {
  const { services } = cachesOf(ctx);
  const now = ctx.clock.now();
  const cached = services.get(serviceId);
  if (cached && now - cached.at < FRESH_MS) return cached.policyId;
  const row = await ctx.db
    .selectFrom('service_escalation_policies')
    .select('policy_id')
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  const policyId = row?.policy_id ?? null;
  services.set(serviceId, { at: now, policyId });
  return policyId;
}

/**
 * Problems that do not block saving a policy but may leave a page unanswered: a person without a
 * contact method, a schedule with gaps in the coming 14 days, a team without schedules.
 */
export async function policyWarnings(
  ctx: AppContext,
  levels: readonly { targets: readonly Target[] }[],
): Promise<PolicyWarning[]> {
  const warnings: PolicyWarning[] = [];
  const now = ctx.clock.now();
  const horizon = now + COVERAGE_HORIZON_MS;
  const all = levels.flatMap((l) => l.targets);
  const userIds = [...new Set(all.filter((t) => t.kind === 'user').map((t) => t.id))];
  const reachable = new Set(
    userIds.length === 0
      ? []
      : (await ctx.db.selectFrom('contact_methods').select('user_id').where('user_id', 'in', userIds).execute()).map(
          (r) => r.user_id,
        ),
  );
  const teamSchedules = await listScheduleIdsOfTeams(ctx.db, [
    ...new Set(all.filter((t) => t.kind === 'team').map((t) => t.id)),
  ]);
  const loaded = await loadSchedules(
    ctx,
    [...all.filter((t) => t.kind === 'schedule').map((t) => t.id), ...teamSchedules.map((s) => s.id)],
    now,
    horizon,
  );
  const gapsOf = new Map<string, number>();
  const scheduleGaps = (id: string) => {
    const schedule = loaded.get(id);
    if (!gapsOf.has(id) && schedule) {
      gapsOf.set(id, coverageGaps(resolveLoaded(schedule, now, horizon).final, now, horizon).length);
    }
    return gapsOf.get(id) ?? 0;
  };
  for (const [level, { targets }] of levels.entries()) {
    for (const target of targets) {
      if (target.kind === 'user' && !reachable.has(target.id)) {
        warnings.push({
          code: 'no_contact_method',
          level,
          target,
          message: `Level ${level + 1}: the person has no contact method, so a page cannot reach them.`,
        });
      } else if (target.kind === 'schedule') {
        const gaps = scheduleGaps(target.id);
        if (gaps > 0) {
          warnings.push({
            code: 'schedule_gaps',
            level,
            target,
            message: `Level ${level + 1}: the schedule has ${gaps} gap(s) with nobody on call in the next 14 days.`,
          });
        }
      } else if (target.kind === 'team') {
        const schedules = teamSchedules.filter((s) => s.team_id === target.id);
        if (schedules.length === 0) {
          warnings.push({
            code: 'team_without_schedule',
            level,
            target,
            message: `Level ${level + 1}: the team has no on-call schedule, so nobody is reached through it.`,
          });
        }
        for (const s of schedules) {
          const gaps = scheduleGaps(s.id);
          if (gaps > 0) {
            warnings.push({
              code: 'schedule_gaps',
              level,
              target,
              message: `Level ${level + 1}: a schedule of the team has ${gaps} gap(s) in the next 14 days.`,
            });
          }
        }
      }
    }
  }
  return warnings;
}

/** Default level names: "1st level", "2nd level", "3rd level", "4th level", … */
export function defaultLevelName(index: number): string {
  const n = index + 1;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix} level`;
}
