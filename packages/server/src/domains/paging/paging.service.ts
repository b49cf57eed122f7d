import type { FailingContactMethod, PageDetail, Readiness } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { listLevels } from '../oncall/escalation.repo.js';
import { listAllScheduleIds } from '../oncall/schedule.repo.js';
import { loadSchedule, resolveLoaded } from '../oncall/schedule.service.js';
import { listAttempts, listFinishedByMethod, listNotificationsOfPage } from './notifications.repo.js';
import { getPage, listLog, listSteps, userNames } from './pages.repo.js';
import { namedUsers, presentPageDetail } from './paging.presenter.js';
import { loadPeople, verifiedMethodIds } from './people.repo.js';

// Reads for routes and other domains; nothing here writes.

/** A page with its full escalation history: every step, who it notified, through what, with what result. */
export async function getPageDetail(ctx: AppContext, pageId: string): Promise<PageDetail> {
  const row = await getPage(ctx.db, pageId);
  if (!row) throw notFound('page', pageId);
  const [steps, notifications, log] = await Promise.all([
    listSteps(ctx.db, pageId),
    listNotificationsOfPage(ctx.db, pageId),
    listLog(ctx.db, pageId),
  ]);
  const attempts = await listAttempts(
    ctx.db,
    notifications.map((n) => n.id),
  );
  const names = await userNames(ctx.db, [...namedUsers(row, steps, log), ...notifications.map((n) => n.user_id)]);
  return presentPageDetail(row, { steps, notifications, attempts, log }, names);
}

const READINESS_WINDOW_MS = 14 * 86_400_000;

/**
 * Everyone on call in the next 14 days (in any schedule, or named directly in an escalation
 * policy) whose high-urgency notifications would not go to a verified contact method.
 */
export async function pagingReadiness(ctx: AppContext): Promise<Readiness> {
  const from = ctx.clock.now();
  const to = from + READINESS_WINDOW_MS;
  const firstOnCall = new Map<string, number | null>();
  for (const { id } of await listAllScheduleIds(ctx.db)) {
    const loaded = await loadSchedule(ctx, id, from, to);
    if (!loaded) continue;
    for (const shift of resolveLoaded(loaded, from, to).final) {
      const start = Math.max(shift.start, from);
      const seen = firstOnCall.get(shift.userId);
      if (seen == null || start < seen) firstOnCall.set(shift.userId, start);
    }
  }
  const policyIds = (await ctx.db.selectFrom('escalation_policies').select('id').execute()).map((p) => p.id);
  for (const levels of (await listLevels(ctx.db, policyIds)).values()) {
    for (const target of levels.flatMap((l) => l.targets)) {
      if (target.kind === 'user' && !firstOnCall.has(target.id)) firstOnCall.set(target.id, null);
    }
  }
  const userIds = [...firstOnCall.keys()];
  const [people, verified] = await Promise.all([loadPeople(ctx.db, userIds), verifiedMethodIds(ctx.db, userIds)]);
  const items = people.flatMap((person) => {
    const used =
      person.rules.high.length > 0 ? person.rules.high.map((r) => r.contactMethodId) : person.methods.map((m) => m.id);
    if (used.some((id) => verified.has(id))) return [];
    const at = firstOnCall.get(person.userId) ?? null;
    const reason =
      person.methods.length === 0
        ? 'has no contact method'
        : 'none of the contact methods used for high-urgency pages is verified; send a test notification';
    return [{ user: { id: person.userId, name: person.name }, onCallFrom: at === null ? null : toIso(at), reason }];
  });
  items.sort(
    (a, b) => (a.onCallFrom ?? '').localeCompare(b.onCallFrom ?? '') || a.user.name.localeCompare(b.user.name),
  );
  return { from: toIso(from), to: toIso(to), items };
}

const FAILING_LOOKBACK_MS = 30 * 86_400_000;

/** Contact methods whose latest notifications failed (newest first), with how many in a row. */
export async function failingContactMethods(ctx: AppContext): Promise<FailingContactMethod[]> {
  const rows = await listFinishedByMethod(ctx.db, ctx.clock.now() - FAILING_LOOKBACK_MS);
  const streaks = new Map<
    string,
    { failures: number; lastError: string | null; lastFailedAt: number; broken: boolean }
  >();
  for (const row of rows) {
    const id = row.contact_method_id!;
    const streak = streaks.get(id);
    if (!streak) {
      if (row.status === 'failed') {
        streaks.set(id, {
          failures: 1,
          lastError: row.last_error,
          lastFailedAt: row.failed_at ?? row.created_at,
          broken: false,
        });
      } else {
        streaks.set(id, { failures: 0, lastError: null, lastFailedAt: 0, broken: true });
      }
    } else if (!streak.broken) {
      if (row.status === 'failed') streak.failures++;
      else streak.broken = true;
    }
  }
  const failing = [...streaks.entries()].filter(([, s]) => s.failures > 0);
  if (failing.length === 0) return [];
  const methods = await ctx.db
    .selectFrom('contact_methods')
    .selectAll()
    .where(
      'id',
      'in',
      failing.map(([id]) => id),
    )
    .execute();
  const names = await userNames(
    ctx.db,
    methods.map((m) => m.user_id),
  );
  return failing.flatMap(([id, s]) => {
    const m = methods.find((x) => x.id === id);
    if (!m) return [];
    return [
      {
        contactMethodId: id,
        user: { id: m.user_id, name: names.get(m.user_id) ?? m.user_id },
        kind: m.kind,
        label: m.label,
        address: m.address,
        failures: s.failures,
        lastError: s.lastError,
        lastFailedAt: toIso(s.lastFailedAt),
      },
    ];
  });
}
